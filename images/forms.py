from django import forms
from django.core.files.uploadedfile import UploadedFile

from articles.plaintext import validate_single_line_text
from images.models import Image
from images.validation import ACCEPTED_FORMATS, process_upload

ACCEPT = ",".join(f"image/{fmt.lower()}" for fmt in ACCEPTED_FORMATS)


class ImageForm(forms.ModelForm):
    """Upload and describe a library image; the file is checked and cleaned here,
    before anything is saved (see images/validation.py)."""

    # A plain FileField: Django's ImageField would open the file with Pillow before
    # our size and pixel caps are checked.
    file = forms.FileField(
        label="Fichier image",
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
        help_text="JPEG, PNG, WebP ou GIF. Les métadonnées (EXIF, GPS…) sont retirées.",
    )

    class Meta:
        model = Image
        fields = ["file", "alt_text", "is_decorative", "caption", "credit", "focal_x", "focal_y"]
        widgets = {
            "alt_text": forms.TextInput(attrs={"size": 80}),
            "caption": forms.Textarea(attrs={"rows": 2, "cols": 80}),
            "focal_x": forms.NumberInput(attrs={"step": "0.01", "min": 0, "max": 1}),
            "focal_y": forms.NumberInput(attrs={"step": "0.01", "min": 0, "max": 1}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Alt text and credit are one line (alt and figcaption attributes, feeds); the
        # caption may break lines.
        for name in ("alt_text", "credit"):
            if name in self.fields:  # absent from a read-only view
                self.fields[name].validators.append(validate_single_line_text)
        if self.instance.pk:
            # Keep the current file unless a new one is sent.
            self.fields["file"].required = False
            self.fields["file"].label = "Remplacer le fichier"

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if isinstance(uploaded, UploadedFile):
            return process_upload(uploaded)
        return uploaded

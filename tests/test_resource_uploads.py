"""Article resources: documents detected from their content, downloaded as attachments."""

import io
import zipfile
from datetime import timedelta

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from articles.models import Resource, Status
from articles.uploads import validate_resource_file

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"


# Uploads go to a throwaway folder (conftest's media_root), for every test here.
pytestmark = pytest.mark.usefixtures("media_root")


def ooxml(main_type, extra=()):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Override PartName="/main.xml" ContentType="' + main_type + '"/>'
            "</Types>",
        )
        archive.writestr("main.xml", "<document/>")
        for name in extra:
            archive.writestr(name, b"\0" * 10)
    return out.getvalue()


OOXML = "application/vnd.openxmlformats-officedocument."
DOCX = ooxml(OOXML + "wordprocessingml.document.main+xml")
XLSX = ooxml(OOXML + "spreadsheetml.sheet.main+xml")
PPTX = ooxml(OOXML + "presentationml.presentation.main+xml")
DOCM = ooxml("application/vnd.ms-word.document.macroEnabled.main+xml", ["word/vbaProject.bin"])


def odf(kind):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", f"application/vnd.oasis.opendocument.{kind}")
        archive.writestr("content.xml", "<office:document-content/>")
    return out.getvalue()


def ole(stream_name):
    """An OLE2 compound file whose directory holds one stream of that name."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
    encoded = (stream_name + "\0").encode("utf-16-le")
    entry = encoded.ljust(64, b"\0") + len(encoded).to_bytes(2, "little") + b"\x02"
    root = "Root Entry\0".encode("utf-16-le")
    root_entry = root.ljust(64, b"\0") + len(root).to_bytes(2, "little") + b"\x05"
    return header + root_entry.ljust(128, b"\0") + entry.ljust(128, b"\0") + b"\0" * 1024


def check(name, content):
    validate_resource_file(SimpleUploadedFile(name, content))


@pytest.mark.parametrize(
    ("name", "content"),
    [("rapport.pdf", PDF), ("note.docx", DOCX), ("budget.xlsx", XLSX), ("slides.pptx", PPTX),
     ("texte.odt", odf("text")), ("calcul.ods", odf("spreadsheet")),
     ("diapos.odp", odf("presentation")), ("ancien.doc", ole("WordDocument")),
     ("ancien.xls", ole("Workbook")), ("ancien.ppt", ole("PowerPoint Document")),
     ("RAPPORT.PDF", PDF)],
)  # fmt: skip
def test_documents_are_accepted(name, content):
    check(name, content)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("rapport.pdf", HTML, "n'est pas un document accepté"),
        ("vide.pdf", b"", "vide"),
        ("faux.docx", b"PK\x03\x04" + b"\0" * 200, "n'est pas un document accepté"),
        ("archive.docx", ooxml("application/xml"), "n'est pas un document accepté"),
        ("macros.docm", DOCM, "macros"),
        ("macros.docx", DOCM, "macros"),
        ("outil.doc", ole("SummaryInformation"), "n'est pas un document accepté"),
        ("image.pdf", b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "n'est pas un document accepté"),
        ("rapport.html", PDF, "renommez-le en « .pdf »"),
        ("note.pdf", DOCX, "document Word"),
        ("rapport", PDF, "sans extension"),
    ],
)
def test_bad_documents_get_a_french_error(name, content, message):
    with pytest.raises(ValidationError) as caught:
        check(name, content)
    assert message in " ".join(caught.value.messages)


def test_size_cap(settings):
    settings.RESOURCE_MAX_UPLOAD_BYTES = 50
    with pytest.raises(ValidationError, match="la limite est de"):
        check("rapport.pdf", PDF)


def test_validator_works_on_a_model_field_value_and_skips_stored_files(make_article):
    article = make_article()
    resource = Resource(article=article, title="Rapport", file=SimpleUploadedFile("r.pdf", HTML))
    with pytest.raises(ValidationError):
        validate_resource_file(resource.file)  # not yet stored: checked

    stored = Resource.objects.create(
        article=article, title="Rapport", file=ContentFile(PDF, "r.pdf")
    )
    stored.refresh_from_db()
    stored.file.storage.delete(stored.file.name)
    validate_resource_file(stored.file)  # stored: not read again (no download from S3)


class ResourceForm(forms.ModelForm):
    class Meta:
        model = Resource
        fields = ["title", "file"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].validators.append(validate_resource_file)


def test_form_with_a_bad_file_saves_nothing(make_article, media_root):
    article = make_article()
    form = ResourceForm(
        data={"title": "Rapport"},
        files={"file": SimpleUploadedFile("../../rapport.pdf", HTML)},
        instance=Resource(article=article),
    )
    assert not form.is_valid()
    assert "n'est pas un document accepté" in form.errors["file"][0]
    assert not [p for p in media_root.rglob("*") if p.is_file()]


def test_uploaded_path_is_not_kept(make_article, media_root):
    form = ResourceForm(
        data={"title": "Rapport"},
        files={"file": SimpleUploadedFile("../../../etc/rapport.pdf", PDF)},
        instance=Resource(article=make_article()),
    )
    assert form.is_valid(), form.errors
    resource = form.save()
    assert resource.file.name.startswith("ressources/") and resource.file.name.endswith(".pdf")
    assert "etc" not in resource.file.name and ".." not in resource.file.name
    assert (media_root / resource.file.name).is_file()


@pytest.fixture
def resource(make_article):
    article = make_article(title="Le rapport de la Cour des comptes")
    return Resource.objects.create(
        article=article,
        title="Rapport de la Cour des comptes (2025)",
        file=ContentFile(PDF, "x.pdf"),
    )


def test_download_is_an_attachment_never_sniffed(client, resource):
    response = client.get(f"/ressources/{resource.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="rapport-de-la-cour-des-comptes-2025.pdf"'
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == PDF


def test_documents_of_unpublished_articles_are_not_served(client, make_article, editor):
    draft = make_article(status=Status.DRAFT)
    future = make_article(published_at=timezone.now() + timedelta(days=1))
    for article in (draft, future):
        doc = Resource.objects.create(article=article, title="Note", file=ContentFile(PDF, "n.pdf"))
        assert client.get(f"/ressources/{doc.pk}/").status_code == 404
    # Staff who may see articles can still open a draft's document (previews).
    client.force_login(editor)
    response = client.get(f"/ressources/{doc.pk}/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


def test_links_unknown_ids_and_lost_files_are_404(client, make_article, resource):
    link = Resource.objects.create(
        article=make_article(), title="Site du ministère", url="https://sante.gouv.fr/"
    )
    for url in (f"/ressources/{link.pk}/", "/ressources/999999/"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Page introuvable" in response.content.decode(), url
    resource.file.storage.delete(resource.file.name)
    response = client.get(f"/ressources/{resource.pk}/")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()
    assert Resource.objects.filter(pk=resource.pk).exists()  # the row stays, for the editors

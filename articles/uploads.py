"""Safe document uploads for article resources, and their download view.

A resource file is accepted only if its *content* is a document a newsroom attaches,
and its extension says the same thing (the stored name keeps the extension, and
object storage serves files with a type guessed from it):

- PDF: starts with ``%PDF-``;
- Word/Excel/PowerPoint (docx, xlsx, pptx): a ZIP whose ``[Content_Types].xml``
  declares the matching main part (macro-enabled variants are refused);
- OpenDocument (odt, ods, odp): a ZIP whose first entry ``mimetype`` says so;
- legacy Office (doc, xls, ppt): an OLE2 compound file holding the matching stream
  (``WordDocument``, ``Workbook``/``Book``, ``PowerPoint Document``).

Only headers and two tiny ZIP entries are read (sizes checked first): no archive is
extracted, so a ZIP bomb costs nothing. Downloads go through ``resource_download``:
``Content-Disposition: attachment`` and ``X-Content-Type-Options: nosniff``, so a
browser never renders a document as a page.
"""

import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError

# extension -> (MIME type served, French label)
DOCUMENT_TYPES = {
    "pdf": ("application/pdf", "PDF"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel"),
    "pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation",
             "PowerPoint"),
    "odt": ("application/vnd.oasis.opendocument.text", "texte OpenDocument"),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", "tableur OpenDocument"),
    "odp": ("application/vnd.oasis.opendocument.presentation", "présentation OpenDocument"),
    "doc": ("application/msword", "Word 97-2003"),
    "xls": ("application/vnd.ms-excel", "Excel 97-2003"),
    "ppt": ("application/vnd.ms-powerpoint", "PowerPoint 97-2003"),
}  # fmt: skip
ACCEPTED_EXTENSIONS = tuple(f".{extension}" for extension in DOCUMENT_TYPES)

_OOXML_MAIN_TYPES = {
    b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": "docx",
    b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": "xlsx",
    b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": "pptx",
}
_ODF_MIMETYPES = {f"application/vnd.oasis.opendocument.{kind}".encode(): extension
                  for kind, extension in [("text", "odt"), ("spreadsheet", "ods"),
                                          ("presentation", "odp")]}  # fmt: skip
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Stream names as stored in an OLE2 directory entry (UTF-16LE), in order of precedence.
_OLE_STREAMS = [("WordDocument", "doc"), ("PowerPoint Document", "ppt"), ("Workbook", "xls"),
                ("Book", "xls")]  # fmt: skip
_MAX_SMALL_ENTRY = 1024 * 1024
_MAX_ZIP_ENTRIES = 20_000

MESSAGES = {
    "empty": "Le fichier est vide.",
    "too_big": "Le fichier pèse {size} : la limite est de {limit} par document.",
    "unknown": "Ce fichier n'est pas un document accepté (PDF, Word, Excel, PowerPoint ou "
    "OpenDocument) : son contenu a été vérifié, pas seulement son nom.",
    "macros": "Les documents avec macros (docm, xlsm, pptm…) ne sont pas acceptés.",
    "extension": "Le contenu de ce fichier est un document {label} : renommez-le en "
    "« .{extension} » (son nom se termine par « {given} »).",
}


def _megabytes(n):
    return f"{n / (1024 * 1024):.1f} Mo".replace(".", ",").replace(",0 Mo", " Mo")


def detect_document(fileobj):
    """The extension matching a file's content ("pdf", "docx"…), or None."""
    fileobj.seek(0)
    head = fileobj.read(8)
    fileobj.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _detect_zip(fileobj)
    if head == _OLE_MAGIC:
        return _detect_ole(fileobj)
    return None


def _read_small(archive, info):
    if info.file_size > _MAX_SMALL_ENTRY or info.compress_size > _MAX_SMALL_ENTRY:
        return None
    return archive.read(info)


def _detect_zip(fileobj):
    try:
        with zipfile.ZipFile(fileobj) as archive:
            entries = archive.infolist()
            if not entries or len(entries) > _MAX_ZIP_ENTRIES:
                return None
            names = {info.filename for info in entries}
            first = entries[0]
            if first.filename == "mimetype":
                return _ODF_MIMETYPES.get((_read_small(archive, first) or b"").strip())
            if "[Content_Types].xml" not in names:
                return None
            content_types = _read_small(archive, archive.getinfo("[Content_Types].xml")) or b""
            if b"macroEnabled" in content_types or any(n.endswith("vbaProject.bin") for n in names):
                return "macros"
            for main_type, extension in _OOXML_MAIN_TYPES.items():
                if main_type in content_types:
                    return extension
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError,
            EOFError, ValueError, KeyError, RuntimeError):  # fmt: skip
        return None
    finally:
        fileobj.seek(0)
    return None


def _detect_ole(fileobj, chunk_size=1 << 16):
    """Find a directory entry (128-byte aligned) naming one of the main streams."""
    wanted = [((name + "\0").encode("utf-16-le"), extension) for name, extension in _OLE_STREAMS]
    found = set()
    offset = 0
    fileobj.seek(0)
    while True:
        chunk = fileobj.read(chunk_size)  # chunk_size is a multiple of 128
        if not chunk:
            break
        for encoded, extension in wanted:
            start = chunk.find(encoded)
            while start != -1:
                entry = chunk[start : start + 128]
                if (offset + start) % 128 == 0 and len(entry) >= 67:
                    name_length = int.from_bytes(entry[64:66], "little")
                    if name_length == len(encoded) and entry[66] == 2:  # 2: stream
                        found.add(extension)
                start = chunk.find(encoded, start + 1)
        offset += len(chunk)
    fileobj.seek(0)
    for _name, extension in _OLE_STREAMS:
        if extension in found:
            return extension
    return None


def validate_resource_file(value):
    """Validator for ``Resource.file`` (model field or form field).

    Checks new uploads only: a file already stored was checked when it came in.
    """
    if not value or getattr(value, "_committed", False):
        return
    size = value.size
    if not size:
        raise ValidationError(MESSAGES["empty"], code="empty")
    limit = settings.RESOURCE_MAX_UPLOAD_BYTES
    if size > limit:
        raise ValidationError(
            MESSAGES["too_big"].format(size=_megabytes(size), limit=_megabytes(limit)),
            code="too_big",
        )
    fileobj = getattr(value, "file", value)
    extension = detect_document(fileobj)
    if extension == "macros":
        raise ValidationError(MESSAGES["macros"], code="macros")
    if extension is None:
        raise ValidationError(MESSAGES["unknown"], code="unknown")
    name = (getattr(value, "name", "") or "").rsplit("/", 1)[-1]
    given = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if given != extension:
        raise ValidationError(
            MESSAGES["extension"].format(
                label=DOCUMENT_TYPES[extension][1], extension=extension,
                given=f".{given}" if given else "(sans extension)",
            ),
            code="extension",
        )  # fmt: skip

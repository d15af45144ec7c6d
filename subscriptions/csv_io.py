"""CSV import and export of subscribers, for editors (subscriptions/admin.py).

Import is all or nothing: every row is checked first, and if one is refused nothing is
written; the report names each refused row (line number, reason, in French). Files
come from spreadsheets: UTF-8 (with or without BOM) or Windows-1252, « ; » or « , ».

- Individual subscriptions: ``email;debut;fin`` (dates ``JJ/MM/AAAA`` or
  ``JJ/MM/AAAA HH:MM``, Paris time; ISO 8601 accepted). A missing reader account is
  created, its address unverified: the reader sets a password with « Mot de passe
  oublié ? », which proves the address.
- Organisation members: ``email``, within the organisation's free seats.

Export writes ``;``-separated UTF-8 with a BOM (Excel), every cell that a spreadsheet
would read as a formula (= + - @) prefixed with an apostrophe.
"""

import csv
import io
from datetime import datetime, time

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone

from subscriptions.models import Membership, Subscription, Via

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 20_000
DATE_FORMATS = ("%d/%m/%Y %H:%M", "%d/%m/%Y", "%Y-%m-%d %H:%M", "%Y-%m-%d")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class ImportRefused(Exception):
    """The file cannot be read at all (size, encoding, header)."""


def read_rows(upload, expected_header):
    """[(line number, {column: value})] of an uploaded CSV whose header starts with
    ``expected_header`` (case and accents as written here)."""
    raw = upload.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise ImportRefused("Le fichier dépasse 2 Mo : découpez-le.")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes almost anything
        raise ImportRefused("Le fichier n'est pas un texte lisible (UTF-8 ou Windows-1252).")
    if "\x00" in text:
        raise ImportRefused("Le fichier n'est pas un CSV (caractère nul).")
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = [cell.strip().lower() for cell in next(reader)]
    except StopIteration:
        raise ImportRefused("Le fichier est vide.") from None
    if header[: len(expected_header)] != list(expected_header):
        raise ImportRefused(
            f"La première ligne doit être : {';'.join(expected_header)} "
            f"(trouvé : {';'.join(header) or 'rien'})."
        )
    rows = []
    try:
        for line, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue
            if len(rows) >= MAX_ROWS:
                raise ImportRefused(f"Plus de {MAX_ROWS} lignes : découpez le fichier.")
            values = {name: (cells[i].strip() if i < len(cells) else "") for i, name in
                      enumerate(expected_header)}  # fmt: skip
            rows.append((line, values))
    except csv.Error as error:
        raise ImportRefused(f"CSV illisible : {error}.") from None
    return rows


def parse_datetime_fr(value):
    for fmt in DATE_FORMATS:
        try:
            parsed = datetime.strptime(value, fmt)
        except ValueError:
            continue
        if "%H" not in fmt:
            parsed = datetime.combine(parsed.date(), time.min)
        return timezone.make_aware(parsed)
    raise ValueError(value)


def _email(value):
    email = value.strip().lower()
    validate_email(email)
    return email


def check_subscriptions(rows):
    """(valid rows [(line, email, starts_at, ends_at)], refused [(line, reason)])."""
    valid, refused, seen = [], [], {}
    for line, values in rows:
        try:
            email = _email(values["email"])
        except ValidationError:
            refused.append((line, f"adresse e-mail invalide : « {values['email']} »"))
            continue
        try:
            starts_at = parse_datetime_fr(values["debut"])
            ends_at = parse_datetime_fr(values["fin"])
        except ValueError as error:
            refused.append((line, f"date invalide : « {error} » (attendu : JJ/MM/AAAA)"))
            continue
        if ends_at <= starts_at:
            refused.append((line, "la fin doit suivre le début"))
            continue
        if email in seen:
            refused.append((line, f"adresse déjà à la ligne {seen[email]}"))
            continue
        seen[email] = line
        valid.append((line, email, starts_at, ends_at))
    return valid, refused


def _reader_for(email):
    User = get_user_model()
    user = User.objects.filter(email__iexact=email).order_by("pk").first()
    if user is None:
        user = User.objects.create_user(username=_free_username(email), email=email)
        user.set_unusable_password()
        user.save(update_fields=["password"])
        EmailAddress.objects.create(user=user, email=email, primary=True, verified=False)
    return user


def _free_username(email):
    User = get_user_model()
    base = email.partition("@")[0][:120] or "lecteur"
    candidate, n = base, 1
    while User.objects.filter(username=candidate).exists():
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def import_subscriptions(upload):
    """(created count, refused rows); nothing is written if a row is refused."""
    valid, refused = check_subscriptions(read_rows(upload, ("email", "debut", "fin")))
    staff = staff_emails()
    refused += [(line, "compte de la rédaction") for line, email, _, _ in valid if email in staff]
    if refused or not valid:
        return 0, sorted(refused)
    with transaction.atomic():
        for _line, email, starts_at, ends_at in valid:
            Subscription.objects.create(
                reader=_reader_for(email), starts_at=starts_at, ends_at=ends_at,
                note="Import CSV",
            )  # fmt: skip
    return len(valid), []


def staff_emails():
    """The staff's addresses, lowercased: one query for a whole file, not one a row."""
    staff = get_user_model().objects.filter(is_staff=True).values_list("email", flat=True)
    return {email.strip().lower() for email in staff if email}


def import_members(upload, organisation):
    """(added count, refused rows); all or nothing, within the organisation's seats."""
    refused, emails, seen = [], [], {}
    staff = staff_emails()
    for line, values in read_rows(upload, ("email",)):
        try:
            email = _email(values["email"])
        except ValidationError:
            refused.append((line, f"adresse e-mail invalide : « {values['email']} »"))
            continue
        if email in seen:
            refused.append((line, f"adresse déjà à la ligne {seen[email]}"))
            continue
        if email in staff:
            refused.append((line, "compte de la rédaction"))
            continue
        seen[email] = line
        emails.append(email)
    if refused or not emails:
        return 0, refused
    with transaction.atomic():
        locked = type(organisation).objects.select_for_update().get(pk=organisation.pk)
        already = set(
            locked.members.filter(reader__email__in=emails).values_list("reader__email", flat=True)
        )
        new = [email for email in emails if email not in {a.lower() for a in already}]
        free = locked.seats - locked.members.count()
        if len(new) > free:
            return 0, [(0, f"{len(new)} nouveaux membres pour {free} place(s) libre(s)")]
        for email in new:
            Membership.objects.create(
                organisation=locked, reader=_reader_for(email), via=Via.IMPORT
            )
    return len(new), []


def _cell(value):
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def _local(value):
    return timezone.localtime(value).strftime("%d/%m/%Y %H:%M") if value else ""


def csv_response(filename, header, rows):
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell(value) for value in row])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def export_subscriptions(queryset):
    rows = (
        (s.reader.email, _local(s.starts_at), _local(s.ends_at), s.note)
        for s in queryset.select_related("reader")
    )
    return csv_response("abonnements.csv", ["email", "debut", "fin", "note"], rows)


def export_members(organisation):
    rows = (
        (m.reader.email, m.get_via_display(), _local(m.joined_at))
        for m in organisation.members.select_related("reader")
    )
    return csv_response("membres.csv", ["email", "rattache_par", "depuis"], rows)

"""Word banks and a tiny grammar for ``generate_articles``: plausible French filler, fast.

The output is already-clean HTML (only p, h2 and ul/li, every piece of text escaped),
so it can be bulk-inserted without going through ``sanitize_body``.
"""

import re
from html import escape

# (text, plural) — the verb agrees with the subject.
SUBJECTS = [
    ("la HAS", False), ("l'ANSM", False), ("l'Assurance maladie", False),
    ("le ministère de la Santé", False), ("les ARS", True), ("l'ARS Bretagne", False),
    ("l'ARS Grand Est", False), ("l'ARS Occitanie", False), ("les fédérations hospitalières", True),
    ("les cliniques privées", True), ("les CHU", True), ("un GHT normand", False),
    ("les syndicats de médecins libéraux", True), ("les pharmaciens d'officine", True),
    ("les infirmiers libéraux", True), ("le Sénat", False),
    ("la commission des affaires sociales", False),
    ("la Cour des comptes", False), ("les industriels du médicament", True),
    ("les fabricants de dispositifs médicaux", True), ("les éditeurs de logiciels de santé", True),
    ("la délégation au numérique en santé", False), ("les start-up de la e-santé", True),
    ("les directeurs d'hôpital", True), ("les Ehpad publics", True), ("les départements", True),
    ("les internes", True), ("une mission d'inspection", False),
    ("les associations de patients", True),
    ("le gouvernement", False), ("les kinésithérapeutes", True), ("les biotechs françaises", True),
]  # fmt: skip

# Noun phrases, always with their article: contracted after "de"/"à" by ``_contract``.
OBJECTS = [
    "la réforme du financement des hôpitaux", "les pénuries de médicaments",
    "le déploiement de Mon espace santé", "la tarification à l'activité", "les déserts médicaux",
    "la télésurveillance médicale", "l'intelligence artificielle en radiologie",
    "les urgences hospitalières", "la permanence des soins", "le virage ambulatoire",
    "les dépassements d'honoraires", "l'accès précoce aux traitements innovants",
    "la cybersécurité des établissements", "les entrepôts de données de santé",
    "la santé mentale des jeunes", "la vaccination en officine", "le déficit des Ehpad",
    "l'intérim médical", "la formation des infirmiers", "les essais cliniques",
    "la relocalisation de la production pharmaceutique", "le Ségur du numérique",
    "le dossier médical partagé", "les achats hospitaliers", "la prévention en santé",
    "les dispositifs médicaux numériques", "la régulation de l'installation des médecins",
    "les investissements hospitaliers", "l'ONDAM", "le PLFSS", "la télé-expertise",
    "les biosimilaires", "l'interopérabilité des logiciels", "l'exercice coordonné",
    "les maisons de santé", "la psychiatrie publique", "le financement du grand âge",
    "la clause de sauvegarde", "la certification des dispositifs médicaux",
    "les services d'aide à domicile", "la pharmacie clinique", "les thérapies géniques",
]  # fmt: skip

VERBS = [
    ("lance une concertation sur", "lancent une concertation sur"),
    ("publie un rapport sur", "publient un rapport sur"),
    ("alerte sur", "alertent sur"),
    ("précise le calendrier de", "précisent le calendrier de"),
    ("présente un plan pour", "présentent un plan pour"),
    ("réclame des moyens pour", "réclament des moyens pour"),
    ("s'inquiète de", "s'inquiètent de"),
    ("dresse le bilan de", "dressent le bilan de"),
    ("veut remettre à plat le dossier de", "veulent remettre à plat le dossier de"),
    ("plaide pour une réforme de", "plaident pour une réforme de"),
    ("propose de revoir", "proposent de revoir"),
    ("met en garde contre les retards de", "mettent en garde contre les retards de"),
    ("fixe ses priorités pour", "fixent leurs priorités pour"),
]

INTRANSITIVE = [
    ("hausse le ton", "haussent le ton"),
    ("demande des garanties", "demandent des garanties"),
    ("tire la sonnette d'alarme", "tirent la sonnette d'alarme"),
    ("avance ses propositions", "avancent leurs propositions"),
    ("obtient un premier compromis", "obtiennent un premier compromis"),
    ("reste sur sa faim", "restent sur leur faim"),
]

# Subjects that make sense after "En Bretagne, …".
REGIONAL_SUBJECTS = [
    ("l'ARS", False), ("les élus locaux", True), ("les hôpitaux", True),
    ("les médecins libéraux", True), ("l'union régionale des professionnels de santé", False),
]  # fmt: skip

DOCUMENTS = [
    "le nouveau décret", "l'instruction ministérielle", "le rapport de l'Igas",
    "la feuille de route", "l'accord conventionnel", "l'avis de la HAS", "le projet d'arrêté",
]  # fmt: skip

# Where: already in their locative form ("en Bretagne", "dans les Pays de la Loire").
REGIONS = [
    "en Bretagne", "en Occitanie", "en Normandie", "en Auvergne-Rhône-Alpes",
    "dans les Hauts-de-France", "en Nouvelle-Aquitaine", "dans le Grand Est",
    "en Bourgogne-Franche-Comté", "en Centre-Val de Loire", "dans les Pays de la Loire",
    "en Provence-Alpes-Côte d'Azur", "en Île-de-France",
]  # fmt: skip

HEADINGS = [
    "Un contexte financier tendu", "Des acteurs divisés", "Ce que prévoit le texte",
    "Les prochaines étapes", "Des inquiétudes sur le terrain", "Un calendrier serré",
    "La position des fédérations", "Des disparités territoriales", "Le point de vue des patients",
    "Une réforme attendue", "Les chiffres clés", "Des marges de manœuvre limitées",
]  # fmt: skip

# "[a|b]" picks the singular or plural form to agree with {S}/{s}.
SENTENCES = [
    "{S} [estime|estiment] que le dossier {de_o} doit devenir une priorité des prochains mois.",
    "Selon les premières estimations, {pct} % des structures seraient concernées d'ici deux ans.",
    "Le sujet {de_o} revient régulièrement dans les échanges avec les tutelles.",
    "Les professionnels de terrain rappellent que les moyens humains restent le principal frein.",
    "Une enquête menée auprès de {n} structures fait apparaître de fortes disparités régionales.",
    "Le ministère assure que les textes d'application seront publiés avant la fin de l'année.",
    "{Region}, plusieurs initiatives locales ont déjà permis d'obtenir des premiers résultats.",
    "{S} [demande|demandent] davantage de visibilité sur les financements pluriannuels.",
    "Les représentants des usagers souhaitent être associés au suivi des mesures annoncées.",
    "La question du financement reste entière, alors que l'ONDAM est déjà sous tension.",
    "Les fédérations hospitalières jugent le calendrier trop ambitieux au regard des moyens.",
    "Plusieurs rapports avaient déjà pointé les limites du dispositif actuel.",
    "Le coût de la mesure est évalué à {m} millions d'euros sur trois ans.",
    "Pour {s}, la réforme {de_o} ne pourra réussir sans l'adhésion des équipes.",
    "Les ARS seront chargées de décliner ces orientations dans chaque territoire.",
    "Les syndicats dénoncent une concertation jugée trop rapide et des arbitrages déjà rendus.",
    "Un premier bilan doit être présenté au Parlement dans un délai de dix-huit mois.",
    "Les acteurs du secteur attendent désormais la publication des textes réglementaires.",
    "Dans les établissements, la mise en œuvre {de_o} mobilise déjà les équipes de direction.",
    "Les comparaisons européennes placent la France dans une position intermédiaire.",
    "Le sujet avait été largement débattu lors de l'examen du dernier PLFSS.",
    "{S} [rappelle|rappellent] que les attentes des patients ont fortement évolué.",
    "Près de {pct} % des professionnels interrogés se disent inquiets pour l'avenir.",
    "Les données disponibles restent parcellaires, ce qui complique toute évaluation.",
    "{S} [souligne|soulignent] l'urgence d'une clarification des responsabilités de chacun.",
    "Le dispositif actuel date d'une dizaine d'années et n'a jamais été réellement évalué.",
    "Plusieurs expérimentations sont en cours dans une dizaine de départements pilotes.",
    "Les établissements les plus petits craignent de ne pas pouvoir suivre le rythme imposé.",
    "Une mission d'appui doit accompagner les structures volontaires pendant la transition.",
    "Les débats parlementaires pourraient encore faire évoluer l'équilibre du texte.",
    "Sur le terrain, les équipes disent manquer de temps pour s'approprier les nouveaux outils.",
    "Les tutelles promettent un bilan d'étape transparent, publié en ligne.",
]  # fmt: skip

ITEMS = [
    "un calendrier de mise en œuvre sur trois ans", "des financements fléchés",
    "un suivi par indicateurs publics", "une déclinaison régionale pilotée par les ARS",
    "une concertation avec les représentants des usagers", "une évaluation à mi-parcours",
    "la simplification des démarches administratives", "un accompagnement des petites structures",
]  # fmt: skip

_AGREEMENT = re.compile(r"\[([^|\]]*)\|([^\]]*)\]")


def _contract(prep, noun_phrase):
    """'de' + 'le PLFSS' → 'du PLFSS'; 'de' + 'les' → 'des'; other articles unchanged."""
    if prep == "de":
        if noun_phrase.startswith("le "):
            return "du " + noun_phrase[3:]
        if noun_phrase.startswith("les "):
            return "des " + noun_phrase[4:]
    return f"{prep} {noun_phrase}"


def _cap(text):
    return text[:1].upper() + text[1:]


def _verb_phrase(pair, plural):
    return pair[1] if plural else pair[0]


def _object_after(verb_phrase, obj):
    """Attach the object to a verb phrase, contracting a trailing 'de'."""
    if verb_phrase.endswith(" de"):
        return f"{verb_phrase[:-3]} {_contract('de', obj)}"
    return f"{verb_phrase} {obj}"


def make_title(rng):
    subject, plural = rng.choice(SUBJECTS)
    obj = rng.choice(OBJECTS)
    action = _object_after(_verb_phrase(rng.choice(VERBS), plural), obj)
    form = rng.random()
    if form < 0.45:
        return f"{_cap(subject)} {action}"
    if form < 0.7:
        return f"{_cap(obj)} : {subject} {_verb_phrase(rng.choice(INTRANSITIVE), plural)}"
    if form < 0.85:
        return f"{_cap(obj)} : ce que prévoit {rng.choice(DOCUMENTS)}"
    subject, plural = rng.choice(REGIONAL_SUBJECTS)
    action = _object_after(_verb_phrase(rng.choice(VERBS), plural), obj)
    return f"{_cap(rng.choice(REGIONS))}, {subject} {action}"


def _fill(rng, template, subject, plural, obj):
    text = _AGREEMENT.sub(lambda m: m.group(2 if plural else 1), template)
    return text.format(
        S=_cap(subject),
        s=subject,
        de_o=_contract("de", obj),
        pct=rng.randint(12, 78),
        n=rng.randint(40, 900),
        m=rng.randint(15, 900),
        Region=_cap(rng.choice(REGIONS)),
    )


def make_standfirst(rng):
    subject, plural = rng.choice(SUBJECTS)
    obj = rng.choice(OBJECTS)
    return " ".join(_fill(rng, t, subject, plural, obj) for t in rng.sample(SENTENCES, 2))


def _text(words):
    """Word-bank text as HTML text: the banks are ours, but bulk inserts skip the sanitiser."""
    return escape(words, quote=False)


def make_body(rng):
    """Four to six paragraphs under two <h2>, sometimes a list: about 2 kB of HTML.

    Sentences are drawn without replacement, so none repeats within an article.
    """
    subject, plural = rng.choice(SUBJECTS)
    obj = rng.choice(OBJECTS)
    headings = rng.sample(HEADINGS, 2)
    n_paragraphs = rng.randint(4, 6)
    sizes = [rng.randint(3, 5) for _ in range(n_paragraphs)]  # at most 30 <= len(SENTENCES)
    templates = iter(rng.sample(SENTENCES, sum(sizes)))
    parts = []
    for i, size in enumerate(sizes):
        if i in (1, 3):
            parts.append(f"<h2>{_text(headings[i // 2])}</h2>")
        sentences = " ".join(_fill(rng, next(templates), subject, plural, obj) for _ in range(size))
        parts.append(f"<p>{_text(sentences)}</p>")
        if i == 2 and rng.random() < 0.3:
            items = rng.sample(ITEMS, 3)
            parts.append("<ul>" + "".join(f"<li>{_text(item)}</li>" for item in items) + "</ul>")
    return "".join(parts)

"""Hand-written French demo newsroom: sections, authors, tags and articles.

Articles are fictional. Each has its own title, standfirst and opening paragraph;
the rest of the body is assembled (deterministically, see ``build_body``) from
paragraph banks written for each subsection, so that 60+ articles read naturally
without 60 essays written by hand. Resource links point to the reserved
``.example`` domain: the documents do not exist.
"""

import random
from dataclasses import dataclass

# --------------------------------------------------------------------------- sections

SECTIONS = [
    {
        "name": "Financement et politiques publiques",
        "slug": "financement-et-politiques-publiques",
        "description": "Lois de financement de la Sécurité sociale, ONDAM, Assurance maladie, "
        "stratégie nationale de santé et action des agences régionales de santé.",
        "children": [
            {
                "name": "Politique de santé",
                "slug": "politique-de-sante",
                "description": "Les grandes orientations de l'État en matière de santé, "
                "les textes en préparation et les débats parlementaires.",
            },
            {
                "name": "Assurance maladie",
                "slug": "assurance-maladie",
                "description": "Comptes de la branche maladie, maîtrise des dépenses, "
                "négociations avec les professionnels.",
            },
            {
                "name": "Territoires et ARS",
                "slug": "territoires-et-ars",
                "description": "Accès aux soins dans les territoires, projets régionaux de "
                "santé et rôle des collectivités.",
            },
        ],
    },
    {
        "name": "Établissements de santé",
        "slug": "etablissements-de-sante",
        "description": "Hôpitaux publics, cliniques privées et établissements médico-sociaux : "
        "financement, organisation, ressources humaines.",
        "children": [
            {
                "name": "Hôpital public",
                "slug": "hopital-public",
                "description": "CHU, centres hospitaliers et groupements hospitaliers de "
                "territoire.",
            },
            {
                "name": "Cliniques",
                "slug": "cliniques",
                "description": "Le secteur privé lucratif et ses relations avec les tutelles.",
            },
            {
                "name": "Médico-social",
                "slug": "medico-social",
                "description": "Ehpad, services à domicile, établissements pour personnes "
                "en situation de handicap.",
            },
        ],
    },
    {
        "name": "E-santé",
        "slug": "e-sante",
        "description": "Systèmes d'information, données de santé, télémédecine et "
        "intelligence artificielle.",
        "children": [
            {
                "name": "Numérique en santé",
                "slug": "numerique-en-sante",
                "description": "Ségur du numérique, Mon espace santé, interopérabilité et "
                "cybersécurité.",
            },
            {
                "name": "Données de santé",
                "slug": "donnees-de-sante",
                "description": "Accès aux données pour la recherche, entrepôts hospitaliers, "
                "cadre européen.",
            },
            {
                "name": "Télémédecine",
                "slug": "telemedecine",
                "description": "Téléconsultation, télé-expertise et télésurveillance.",
            },
        ],
    },
    {
        "name": "Industries de santé",
        "slug": "industries-de-sante",
        "description": "Médicament, dispositifs médicaux et biotechnologies : régulation, "
        "prix, innovation et souveraineté.",
        "children": [
            {
                "name": "Médicament",
                "slug": "medicament",
                "description": "Prix, accès au marché, pénuries et production.",
            },
            {
                "name": "Dispositifs médicaux",
                "slug": "dispositifs-medicaux",
                "description": "Réglementation européenne, évaluation et achats hospitaliers.",
            },
            {
                "name": "Biotech",
                "slug": "biotech",
                "description": "Jeunes pousses, financement de l'innovation et recherche clinique.",
            },
        ],
    },
    {
        "name": "Professions de santé",
        "slug": "professions-de-sante",
        "description": "Démographie, formation, rémunération et nouvelles missions des "
        "professionnels de santé.",
        "children": [
            {
                "name": "Médecins",
                "slug": "medecins",
                "description": "Convention médicale, installation et exercice coordonné.",
            },
            {
                "name": "Pharmaciens",
                "slug": "pharmaciens",
                "description": "Officine, pharmacie hospitalière et nouvelles missions.",
            },
            {
                "name": "Paramédicaux",
                "slug": "paramedicaux",
                "description": "Infirmiers, kinésithérapeutes, aides-soignants et autres "
                "professions paramédicales.",
            },
        ],
    },
]

# --------------------------------------------------------------------------- authors

AUTHORS = [
    {
        "name": "Hélène Marchand",
        "job_title": "Rédactrice en chef",
        "bio": "Dirige la rédaction après quinze ans passés à suivre les lois de financement "
        "de la Sécurité sociale et les travaux des commissions des affaires sociales.",
        "beats": ["financement-et-politiques-publiques"],
    },
    {
        "name": "Julien Ferrand",
        "job_title": "Rédacteur en chef adjoint",
        "bio": "Coordonne la couverture du numérique en santé. Ancien journaliste dans la "
        "presse informatique professionnelle.",
        "beats": ["e-sante"],
    },
    {
        "name": "Camille Roussel",
        "job_title": "Rédactrice en chef adjointe",
        "bio": "Spécialiste des établissements de santé, elle suit la réforme du financement "
        "des hôpitaux et les groupements hospitaliers de territoire.",
        "beats": ["etablissements-de-sante"],
    },
    {
        "name": "Thomas Lemaire",
        "job_title": "Journaliste",
        "bio": "Couvre l'industrie du médicament, la régulation des prix et les tensions "
        "d'approvisionnement.",
        "beats": ["industries-de-sante"],
    },
    {
        "name": "Sophie Garnier",
        "job_title": "Journaliste",
        "bio": "Suit le secteur médico-social, le grand âge et les ressources humaines à "
        "l'hôpital.",
        "beats": ["etablissements-de-sante", "professions-de-sante"],
    },
    {
        "name": "Nadia Benali",
        "job_title": "Journaliste",
        "bio": "Écrit sur les données de santé, l'intelligence artificielle et la "
        "cybersécurité des établissements.",
        "beats": ["e-sante"],
    },
    {
        "name": "Pierre-Antoine Vidal",
        "job_title": "Journaliste",
        "bio": "Couvre les professions de santé, la démographie médicale et les négociations "
        "conventionnelles.",
        "beats": ["professions-de-sante", "financement-et-politiques-publiques"],
    },
    {
        "name": "Élodie Chevalier",
        "job_title": "Journaliste",
        "bio": "Spécialiste des dispositifs médicaux et de la medtech, elle suit aussi "
        "l'évaluation des technologies de santé.",
        "beats": ["industries-de-sante", "e-sante"],
    },
    {
        "name": "Mathieu Lacroix",
        "job_title": "Journaliste data",
        "bio": "Analyse les comptes de l'Assurance maladie et les données d'activité des "
        "établissements.",
        "beats": ["financement-et-politiques-publiques"],
    },
    {
        "name": "Inès Moreau",
        "job_title": "Correspondante en régions",
        "bio": "Suit l'action des agences régionales de santé et l'accès aux soins dans les "
        "territoires.",
        "beats": ["financement-et-politiques-publiques", "etablissements-de-sante"],
    },
    {
        "name": "Aurélie Dureuil",
        "job_title": "Journaliste",
        "bio": "Suit les industries de santé et le numérique : politique industrielle, "
        "intelligence artificielle, diagnostic et biologie médicale.",
        "beats": ["industries-de-sante", "e-sante"],
    },
]

# The author profile linked to the demo "journaliste" account.
JOURNALIST_AUTHOR = "Sophie Garnier"

# --------------------------------------------------------------------------- tags

TAGS = [
    "hôpital", "PLFSS", "ONDAM", "ARS", "GHT", "Ségur du numérique", "Mon espace santé",
    "DMP", "HAS", "ANSM", "Assurance maladie", "tarification à l'activité",
    "déserts médicaux", "télémédecine", "télésanté", "Intelligence Artificielle",
    "radiologie", "pénuries de médicaments", "dispositifs médicaux", "données de santé",
    "cybersécurité", "urgences", "cliniques privées", "Ehpad", "médico-social",
    "soins infirmiers", "pharmacie d'officine", "prix du médicament", "CEPS", "innovation",
    "start-up", "biotech", "essais cliniques", "Health Data Hub", "interopérabilité",
    "convention médicale", "internes", "financement", "investissement hospitalier",
    "santé mentale", "prévention", "vaccination", "accès précoce", "Parlement",
    "dépassements d'honoraires", "psychiatrie", "autonomie", "CHU", "budget", "régulation",
    "souveraineté sanitaire", "Europe", "e-santé", "exercice coordonné",
    # The showcase article's (articles/demo/showcase.py), capitalised as on the site.
    "Diagnostic", "Industrie", "Laboratoires", "Ministère", "Stratégie",
]  # fmt: skip

# --------------------------------------------------------------------------- call to action

CALL_TO_ACTION = {
    "text": "Besoin d'informations complémentaires ? Contactez notre service d'études",
    "link_label": "Contacter le service d'études",
    "link_url": "https://www.sante-politique.example/service-etudes/",
}

# --------------------------------------------------------------------------- paragraph banks


@dataclass(frozen=True)
class Topic:
    headings: tuple
    paragraphs: tuple
    quote: tuple  # (text, attribution)
    items: tuple


TOPICS = {
    "financement-et-politiques-publiques/politique-de-sante": Topic(
        headings=(
            "Des arbitrages encore ouverts",
            "Ce que prévoit le texte",
            "Une méthode contestée",
        ),
        paragraphs=(
            "Au ministère, on insiste sur la nécessité de sortir d'une logique de plans "
            "successifs pour inscrire l'action publique dans la durée. Les administrations "
            "centrales ont été invitées à présenter des indicateurs de suivi dès la phase de "
            "conception, une demande ancienne des corps d'inspection.",
            "Les fédérations d'établissements et les représentants des professionnels libéraux "
            "saluent l'intention mais s'interrogent sur les moyens. Plusieurs d'entre elles "
            "rappellent que les précédentes feuilles de route n'avaient été que partiellement "
            "financées, faute de crédits fléchés dans les lois de financement.",
            "Le calendrier parlementaire pèse également sur la mise en œuvre. Une partie des "
            "mesures relève du domaine réglementaire et pourra entrer en vigueur rapidement ; "
            "d'autres nécessitent un véhicule législatif qui reste à trouver.",
            "Les associations de patients demandent à être associées au suivi des mesures, et "
            "pas seulement à leur élaboration. Elles plaident pour des comités de pilotage "
            "ouverts et des données publiées à intervalles réguliers, à l'échelle des "
            "territoires.",
        ),
        quote=(
            "On ne manque pas de diagnostics, on manque de continuité dans l'action publique.",
            "une responsable d'une fédération hospitalière",
        ),
        items=(
            "des indicateurs de suivi publiés chaque année",
            "une évaluation à mi-parcours confiée à un organisme indépendant",
            "une déclinaison régionale pilotée par les ARS",
            "une concertation annuelle avec les représentants des usagers",
        ),
    ),
    "financement-et-politiques-publiques/assurance-maladie": Topic(
        headings=(
            "Une trajectoire financière dégradée",
            "Les leviers d'économies",
            "La réaction des professionnels",
        ),
        paragraphs=(
            "Les comptes de la branche maladie restent structurellement déficitaires malgré la "
            "sortie de la crise sanitaire. Le vieillissement de la population, la progression "
            "des maladies chroniques et le coût des traitements innovants tirent les dépenses à "
            "la hausse plus vite que les recettes.",
            "Pour tenir l'objectif voté par le Parlement, la caisse nationale mise sur un "
            "ensemble de mesures de maîtrise médicalisée : pertinence des prescriptions, lutte "
            "contre la fraude, développement des génériques et des biosimilaires. Leur "
            "rendement annoncé fait l'objet de débats récurrents avec les syndicats.",
            "Les syndicats de médecins libéraux dénoncent une approche jugée trop comptable et "
            "rappellent que la demande de soins augmente mécaniquement. Ils réclament que les "
            "efforts demandés soient partagés avec l'industrie et les établissements.",
            "Dans son dernier rapport sur les charges et produits, l'Assurance maladie formule "
            "une centaine de propositions, dont une partie reprend des pistes déjà avancées les "
            "années précédentes sans avoir été mises en œuvre.",
        ),
        quote=(
            "Chaque année, on demande aux mêmes acteurs de faire les mêmes économies, avec des "
            "résultats de plus en plus incertains.",
            "un économiste de la santé",
        ),
        items=(
            "le renforcement des contrôles sur les prescriptions atypiques",
            "l'accompagnement des médecins par les délégués de l'Assurance maladie",
            "la promotion des génériques et des biosimilaires",
            "la lutte contre la fraude aux prestations",
        ),
    ),
    "financement-et-politiques-publiques/territoires-et-ars": Topic(
        headings=(
            "Des situations très contrastées",
            "Le rôle pivot des ARS",
            "Les élus locaux en première ligne",
        ),
        paragraphs=(
            "Les écarts d'accès aux soins entre départements se sont creusés au cours de la "
            "dernière décennie. Dans certains bassins de vie, la densité de médecins "
            "généralistes est deux fois inférieure à la moyenne nationale, et les délais pour "
            "consulter un spécialiste dépassent plusieurs mois.",
            "Les agences régionales de santé disposent de leviers limités pour infléchir ces "
            "tendances. Elles peuvent mobiliser le fonds d'intervention régional, soutenir des "
            "maisons ou des centres de santé, mais n'ont pas la main sur l'installation des "
            "professionnels libéraux.",
            "Les collectivités territoriales, sans compétence sanitaire directe, sont de plus en "
            "plus sollicitées. Nombre de communes financent des locaux, des logements pour les "
            "internes ou des primes d'installation, au risque d'une concurrence entre "
            "territoires voisins.",
            "La coordination entre ARS, préfectures et conseils départementaux reste inégale. "
            "Les contrats locaux de santé, censés formaliser cette coopération, varient "
            "fortement dans leur ambition et dans les moyens qui leur sont consacrés.",
        ),
        quote=(
            "Nous sommes sommés de trouver des solutions à des problèmes dont nous n'avons pas "
            "les clés.",
            "le maire d'une commune rurale",
        ),
        items=(
            "le soutien aux maisons et centres de santé",
            "l'accueil des internes en stage dans les zones sous-denses",
            "le développement de la téléconsultation assistée",
            "la mutualisation des gardes entre établissements",
        ),
    ),
    "etablissements-de-sante/hopital-public": Topic(
        headings=(
            "Des établissements sous tension",
            "La question des ressources humaines",
            "Un modèle de financement en transition",
        ),
        paragraphs=(
            "Dans de nombreux établissements, la fermeture temporaire de lits faute de "
            "personnel est devenue un mode de gestion ordinaire. Les directions jonglent entre "
            "intérim, heures supplémentaires et réorganisations de services pour maintenir "
            "l'activité.",
            "La situation financière des hôpitaux publics s'est nettement dégradée. Le déficit "
            "cumulé des établissements a atteint un niveau inédit, sous l'effet combiné de "
            "l'inflation, de revalorisations salariales imparfaitement compensées et d'une "
            "activité qui n'a pas partout retrouvé son niveau d'avant-crise.",
            "Les communautés médicales alertent sur la perte d'attractivité des carrières "
            "hospitalières, en particulier dans les spécialités à forte contrainte de "
            "permanence des soins. Les départs vers l'exercice libéral se poursuivent dans "
            "plusieurs disciplines.",
            "Les directeurs d'hôpitaux attendent une visibilité pluriannuelle sur leurs "
            "ressources. La campagne tarifaire, souvent publiée tardivement, complique "
            "l'élaboration des budgets et la programmation des investissements.",
        ),
        quote=(
            "On passe plus de temps à gérer la pénurie qu'à construire des projets médicaux.",
            "un président de commission médicale d'établissement",
        ),
        items=(
            "la réouverture progressive des lits fermés faute de personnel",
            "la stabilisation des équipes de nuit et de week-end",
            "le financement intégral des revalorisations salariales",
            "la relance des investissements du quotidien",
        ),
    ),
    "etablissements-de-sante/cliniques": Topic(
        headings=(
            "Un secteur qui s'estime pénalisé",
            "Des modèles économiques fragilisés",
            "La complémentarité avec l'hôpital public",
        ),
        paragraphs=(
            "Les établissements privés lucratifs assurent une part importante de la chirurgie "
            "en France, notamment en ambulatoire. Leur fédération fait valoir que cette "
            "contribution n'est pas reconnue à sa juste mesure dans les arbitrages tarifaires.",
            "Les groupes de cliniques font face à la même inflation des charges que le secteur "
            "public : énergie, fournitures, revalorisations salariales. Mais ils ne bénéficient "
            "pas des mêmes mécanismes de soutien exceptionnel, ce qui pèse sur leur capacité "
            "d'investissement.",
            "Plusieurs établissements de taille modeste ont été cédés ou regroupés au cours des "
            "derniers mois. Les analystes du secteur anticipent une poursuite de la "
            "concentration, avec un risque de fermeture de sites dans les villes moyennes.",
            "Les ARS encouragent les coopérations public-privé, en particulier pour la "
            "permanence des soins et la prise en charge des urgences. Ces partenariats restent "
            "toutefois tributaires des relations locales entre équipes.",
        ),
        quote=(
            "Nous voulons bien prendre notre part des missions de service public, à condition "
            "qu'elles soient financées.",
            "le directeur d'un groupe de cliniques régional",
        ),
        items=(
            "un rattrapage tarifaire étalé sur plusieurs années",
            "l'accès aux aides à l'investissement",
            "la participation à la permanence des soins",
            "la simplification des autorisations d'activité",
        ),
    ),
    "etablissements-de-sante/medico-social": Topic(
        headings=(
            "Des établissements fragilisés",
            "Le défi du recrutement",
            "Le virage domiciliaire en question",
        ),
        paragraphs=(
            "Le secteur médico-social cumule des difficultés financières et des tensions de "
            "recrutement sans précédent. Les gestionnaires, publics comme associatifs, "
            "signalent des postes durablement vacants dans les métiers du soin et de "
            "l'accompagnement.",
            "La réforme du financement, qui vise à simplifier l'architecture budgétaire des "
            "établissements, est saluée dans son principe. Sa mise en œuvre soulève toutefois "
            "des questions sur la répartition des charges entre l'Assurance maladie et les "
            "départements.",
            "Le maintien à domicile, priorité affichée des pouvoirs publics, se heurte à la "
            "fragilité des services d'aide et de soins. Les temps de trajet mal rémunérés et les "
            "amplitudes horaires découragent de nombreux candidats.",
            "Les familles et les associations d'usagers rappellent que la qualité de "
            "l'accompagnement dépend d'abord des effectifs présents au quotidien. Elles "
            "réclament une loi de programmation pour le grand âge, promise à plusieurs "
            "reprises.",
        ),
        quote=(
            "Sans personnel, il n'y a ni qualité, ni sécurité, ni dignité de l'accompagnement.",
            "la directrice d'un Ehpad associatif",
        ),
        items=(
            "la revalorisation des métiers de l'accompagnement",
            "l'apprentissage et la formation en alternance",
            "la mutualisation des fonctions support",
            "le développement de l'habitat inclusif",
        ),
    ),
    "e-sante/numerique-en-sante": Topic(
        headings=(
            "Un déploiement par vagues successives",
            "Les éditeurs sous pression",
            "L'enjeu de l'usage",
        ),
        paragraphs=(
            "Le programme de modernisation des systèmes d'information en santé repose sur un "
            "principe simple : financer à la fois les éditeurs qui mettent leurs logiciels à "
            "niveau et les professionnels qui les utilisent effectivement. Les financements "
            "sont conditionnés au respect de référentiels d'interopérabilité.",
            "Les éditeurs de logiciels, souvent de petite taille, doivent absorber un volume "
            "important de spécifications techniques dans des délais serrés. Certains ont "
            "renoncé à candidater, laissant leurs clients sans mise à jour référencée.",
            "Sur le terrain, les usages progressent de façon inégale. Les documents alimentent "
            "désormais massivement les dossiers des patients, mais leur consultation par les "
            "professionnels reste en retrait, faute d'ergonomie ou de temps.",
            "La gouvernance du numérique en santé a été resserrée autour de la délégation "
            "ministérielle et de l'agence chargée des référentiels. Cette organisation doit "
            "éviter la multiplication des projets concurrents qui a longtemps caractérisé le "
            "secteur.",
        ),
        quote=(
            "La technique est prête ; ce qui manque, c'est le temps médical pour s'en servir.",
            "un médecin généraliste utilisateur",
        ),
        items=(
            "la généralisation des documents structurés",
            "l'identification fiable des patients et des professionnels",
            "la messagerie sécurisée entre ville et hôpital",
            "la mise à jour des logiciels référencés",
        ),
    ),
    "e-sante/donnees-de-sante": Topic(
        headings=(
            "Un patrimoine de données convoité",
            "Des garde-fous juridiques",
            "La question de la souveraineté",
        ),
        paragraphs=(
            "Les bases médico-administratives françaises figurent parmi les plus riches au "
            "monde, grâce au chaînage des données de remboursement et d'hospitalisation. Leur "
            "exploitation par les chercheurs reste toutefois freinée par la complexité des "
            "procédures d'accès.",
            "L'encadrement juridique repose sur le règlement général sur la protection des "
            "données, complété par des dispositions propres au secteur de la santé. Les "
            "autorisations et les avis des comités scientifiques allongent les délais, au grand "
            "dam des équipes de recherche.",
            "Le choix des prestataires d'hébergement cristallise les débats. Les défenseurs "
            "d'une solution européenne soulignent les risques d'accès extraterritorial aux "
            "données, tandis que d'autres mettent en avant la maturité technique des grands "
            "fournisseurs de cloud.",
            "Les établissements de santé constituent progressivement leurs propres entrepôts "
            "de données, souvent avec l'appui de partenaires industriels. Ce mouvement pose la "
            "question de l'articulation entre initiatives locales et plateformes nationales.",
        ),
        quote=(
            "La confiance des patients est notre actif le plus précieux, et le plus fragile.",
            "la responsable d'un entrepôt de données hospitalier",
        ),
        items=(
            "la simplification des procédures d'accès pour la recherche",
            "la transparence sur les projets autorisés",
            "l'hébergement sur des infrastructures qualifiées",
            "l'information des patients sur l'usage de leurs données",
        ),
    ),
    "e-sante/telemedecine": Topic(
        headings=(
            "Une pratique désormais installée",
            "Des dérives à encadrer",
            "Les territoires en attente",
        ),
        paragraphs=(
            "Depuis son entrée dans le droit commun, la téléconsultation s'est durablement "
            "installée dans le paysage des soins. Elle représente une part minoritaire mais "
            "stable de l'activité des médecins, avec de fortes disparités selon les "
            "spécialités.",
            "L'essor de plateformes commerciales proposant des consultations à distance à toute "
            "heure a conduit les pouvoirs publics à renforcer l'encadrement. L'objectif affiché "
            "est de préserver le lien avec le médecin traitant et d'éviter une médecine de "
            "guichet.",
            "Dans les zones sous-dotées, la téléconsultation assistée par un infirmier ou un "
            "pharmacien apparaît comme un complément utile. Les professionnels de terrain "
            "rappellent cependant qu'elle ne remplace pas un examen clinique complet.",
            "La télésurveillance des patients chroniques, longtemps cantonnée à des programmes "
            "expérimentaux, bénéficie désormais d'un cadre de financement pérenne. Les "
            "industriels attendent de voir si les tarifs retenus permettront un véritable "
            "passage à l'échelle.",
        ),
        quote=(
            "La télémédecine est un outil, pas une politique d'accès aux soins.",
            "une médecin coordinatrice de communauté professionnelle territoriale de santé",
        ),
        items=(
            "le respect du parcours de soins coordonné",
            "la limitation des arrêts de travail prescrits à distance",
            "l'accompagnement des patients éloignés du numérique",
            "l'évaluation de la qualité des prises en charge",
        ),
    ),
    "industries-de-sante/medicament": Topic(
        headings=(
            "Des tensions d'approvisionnement persistantes",
            "La régulation des prix en débat",
            "Les industriels attendent des signaux",
        ),
        paragraphs=(
            "Le nombre de signalements de ruptures et de risques de rupture transmis à l'agence "
            "du médicament reste élevé. Antibiotiques, corticoïdes, produits de l'anesthésie : "
            "les classes concernées sont souvent anciennes, peu chères et produites par un "
            "nombre restreint de fabricants.",
            "Les entreprises du médicament dénoncent une politique de prix qui, selon elles, "
            "rend la production en Europe de moins en moins rentable. Les pouvoirs publics "
            "rétorquent que la dépense de médicaments continue de croître sous l'effet des "
            "traitements innovants.",
            "Le comité économique des produits de santé, chargé de négocier les prix, doit "
            "concilier maîtrise des dépenses et attractivité du territoire. Les accords-cadres "
            "successifs ont introduit des garanties de prix pour certains produits fabriqués en "
            "Europe.",
            "À l'officine comme à l'hôpital, les pharmaciens consacrent un temps croissant à la "
            "gestion des indisponibilités. Substitutions, préparations magistrales, "
            "contingentements : les solutions de contournement pèsent sur l'organisation "
            "quotidienne.",
        ),
        quote=(
            "Un médicament qui ne rapporte rien finit toujours par ne plus être fabriqué.",
            "le dirigeant d'un laboratoire de génériques",
        ),
        items=(
            "l'obligation de stocks de sécurité pour les médicaments essentiels",
            "la surveillance renforcée des chaînes d'approvisionnement",
            "la coordination européenne des achats",
            "la révision des prix des médicaments anciens",
        ),
    ),
    "industries-de-sante/dispositifs-medicaux": Topic(
        headings=(
            "Une réglementation européenne exigeante",
            "Un secteur composé de PME",
            "L'évaluation en question",
        ),
        paragraphs=(
            "Le règlement européen sur les dispositifs médicaux a profondément relevé le niveau "
            "d'exigence en matière de preuves cliniques et de surveillance après "
            "commercialisation. Sa mise en œuvre a été plusieurs fois aménagée pour éviter des "
            "retraits massifs de produits.",
            "Le secteur des technologies médicales est majoritairement composé de petites et "
            "moyennes entreprises, pour lesquelles le coût de la certification représente une "
            "charge lourde. Certaines ont retiré du marché européen des références peu "
            "rentables.",
            "L'évaluation des dispositifs innovants repose sur des méthodes conçues pour le "
            "médicament, que les industriels jugent mal adaptées. Les cycles d'innovation "
            "courts et l'effet de l'apprentissage des utilisateurs compliquent la démonstration "
            "d'un bénéfice clinique.",
            "Les acheteurs hospitaliers, regroupés au sein de groupements de commandes, pèsent "
            "fortement sur les prix. Les fabricants plaident pour une meilleure prise en compte "
            "de la qualité et de la continuité d'approvisionnement dans les critères "
            "d'attribution.",
        ),
        quote=(
            "Nous demandons des règles exigeantes, mais surtout des règles stables.",
            "la présidente d'une start-up de la medtech",
        ),
        items=(
            "le délai de traitement par les organismes notifiés",
            "le coût des investigations cliniques",
            "la visibilité sur les conditions de remboursement",
            "l'accès aux marchés hospitaliers",
        ),
    ),
    "industries-de-sante/biotech": Topic(
        headings=(
            "Un financement plus sélectif",
            "La recherche clinique, maillon faible",
            "Des ambitions industrielles",
        ),
        paragraphs=(
            "Après plusieurs années d'abondance, les investisseurs se montrent plus sélectifs. "
            "Les jeunes pousses doivent démontrer plus tôt la solidité de leurs données "
            "précliniques et la clarté de leur stratégie de développement.",
            "Le délai de mise en place des essais cliniques reste un handicap pour la France, "
            "même s'il s'est réduit. Les promoteurs pointent la lourdeur des circuits "
            "contractuels avec les établissements et la disponibilité des équipes de "
            "recherche.",
            "Les pouvoirs publics ont fait des biothérapies et de la bioproduction un axe "
            "prioritaire des plans d'investissement. L'enjeu est de ne pas se limiter à la "
            "recherche amont, mais de produire sur le territoire les traitements qui y sont "
            "découverts.",
            "Les thérapies cellulaires et géniques, aux prix très élevés, interrogent les "
            "modèles de financement. Des mécanismes de paiement à la performance ou étalés dans "
            "le temps sont à l'étude pour en garantir l'accès.",
        ),
        quote=(
            "La science française est au rendez-vous ; c'est le passage à l'échelle qui nous "
            "échappe encore.",
            "le fondateur d'une biotech lyonnaise",
        ),
        items=(
            "l'accès aux financements de croissance",
            "la réduction des délais d'autorisation des essais",
            "le recrutement de profils spécialisés",
            "les capacités de bioproduction sur le territoire",
        ),
    ),
    "professions-de-sante/medecins": Topic(
        headings=(
            "Une démographie médicale au plus bas",
            "Les négociations conventionnelles",
            "Le débat sur l'installation",
        ),
        paragraphs=(
            "Le nombre de médecins généralistes en activité régulière a reculé au cours des "
            "quinze dernières années, alors que la population vieillit. La hausse du nombre "
            "d'étudiants formés ne produira ses effets qu'à l'horizon d'une dizaine d'années.",
            "Les négociations avec l'Assurance maladie ont abouti à des revalorisations "
            "tarifaires, assorties d'engagements sur l'accès aux soins. Les syndicats restent "
            "partagés sur l'équilibre du compromis, certains dénonçant des contreparties trop "
            "contraignantes.",
            "La régulation de l'installation revient régulièrement dans le débat parlementaire. "
            "Ses partisans invoquent l'égalité d'accès aux soins ; ses opposants craignent un "
            "effet repoussoir sur les vocations et sur l'exercice libéral.",
            "Les jeunes médecins aspirent majoritairement à un exercice coordonné, en maison ou "
            "en centre de santé, avec un temps de travail maîtrisé. Cette évolution modifie "
            "profondément l'organisation des soins de premier recours.",
        ),
        quote=(
            "Les jeunes veulent exercer en équipe, pas seuls dans un cabinet isolé.",
            "un responsable d'un syndicat d'internes",
        ),
        items=(
            "l'augmentation du nombre d'étudiants formés",
            "le développement des assistants médicaux",
            "l'incitation à l'exercice coordonné",
            "la participation à la permanence des soins",
        ),
    ),
    "professions-de-sante/pharmaciens": Topic(
        headings=(
            "Un maillage territorial qui s'effrite",
            "De nouvelles missions",
            "Un modèle économique en mutation",
        ),
        paragraphs=(
            "Le réseau des officines reste l'un des plus denses d'Europe, mais il se contracte "
            "chaque année. Les fermetures touchent d'abord les petites pharmacies rurales et "
            "celles des quartiers où la population diminue.",
            "Les pharmaciens se sont vu confier de nouvelles missions : vaccination, tests "
            "rapides, entretiens pharmaceutiques, renouvellement de certaines ordonnances. Ces "
            "activités sont rémunérées à l'acte, mais leur volume reste modeste au regard du "
            "chiffre d'affaires des officines.",
            "La rémunération des officines dépend encore largement de la marge sur les "
            "médicaments remboursés. La baisse des prix et la progression des génériques "
            "fragilisent ce modèle, malgré les honoraires de dispensation introduits il y a une "
            "dizaine d'années.",
            "Les syndicats de pharmaciens réclament un plan de soutien aux officines isolées, "
            "sur le modèle des aides accordées aux médecins en zone sous-dense. Certaines ARS "
            "expérimentent déjà des dispositifs d'accompagnement au cas par cas.",
        ),
        quote=(
            "Quand la pharmacie ferme, c'est souvent le dernier professionnel de santé du "
            "village qui s'en va.",
            "un pharmacien titulaire dans le Cantal",
        ),
        items=(
            "les entretiens d'accompagnement des patients chroniques",
            "la vaccination des adultes",
            "la délivrance de certains antibiotiques après un test rapide",
            "la participation aux équipes de soins primaires",
        ),
    ),
    "professions-de-sante/paramedicaux": Topic(
        headings=(
            "Des compétences élargies",
            "Des résistances persistantes",
            "Formation et attractivité",
        ),
        paragraphs=(
            "Les textes récents ont élargi le champ d'intervention de plusieurs professions "
            "paramédicales, avec un accès direct des patients sans prescription préalable dans "
            "certaines conditions. Ces évolutions répondent d'abord à la pénurie de temps "
            "médical.",
            "Les représentants des médecins restent vigilants sur le respect du parcours de "
            "soins et la coordination avec le médecin traitant. Ils demandent que l'accès "
            "direct soit réservé aux structures d'exercice coordonné.",
            "Les instituts de formation font face à un taux d'abandon préoccupant, notamment en "
            "première année. Les conditions de stage, la charge de travail et les difficultés "
            "financières des étudiants sont régulièrement citées.",
            "La reconnaissance salariale des nouvelles compétences constitue un point de "
            "friction. Les organisations professionnelles estiment que les responsabilités "
            "supplémentaires doivent se traduire par une revalorisation des grilles.",
        ),
        quote=(
            "On nous confie plus de responsabilités, il faut que la reconnaissance suive.",
            "une infirmière en pratique avancée exerçant en maison de santé",
        ),
        items=(
            "l'accès direct dans les structures coordonnées",
            "la primo-prescription de certains produits",
            "la revalorisation des grilles salariales",
            "l'amélioration de l'encadrement des stages",
        ),
    ),
}

OUTLOOK_HEADINGS = (
    "Et maintenant ?",
    "Les prochaines étapes",
    "Un calendrier encore incertain",
    "Ce qui reste à trancher",
)

OUTLOOK_PARAGRAPHS = (
    "Les prochaines semaines seront décisives. Les textes d'application doivent être soumis "
    "aux instances consultatives avant publication, et les acteurs concernés entendent peser "
    "sur leur rédaction.",
    "Aucun calendrier précis n'a encore été communiqué. Les organisations professionnelles ont "
    "demandé à être reçues par le cabinet du ministre afin d'obtenir des garanties sur la "
    "méthode.",
    "Un premier point d'étape est prévu d'ici la fin de l'année. D'ici là, les "
    "administrations doivent affiner le chiffrage des mesures et identifier les territoires "
    "pilotes.",
    "Le sujet devrait revenir dans le débat lors de l'examen du prochain projet de loi de "
    "financement de la Sécurité sociale, où plusieurs amendements sont déjà en préparation.",
    "Les acteurs de terrain, eux, attendent surtout des effets concrets. Beaucoup jugeront la "
    "réforme à sa capacité à alléger, plutôt qu'à alourdir, leur charge administrative.",
    "La rédaction suivra dans les prochains mois la mise en œuvre de ces annonces, en "
    "particulier leur déclinaison par les agences régionales de santé.",
)

LIST_INTROS = (
    "Les principaux points à retenir :",
    "Parmi les pistes évoquées :",
    "Les chantiers identifiés :",
    "Les priorités mises en avant :",
)

# --------------------------------------------------------------------------- articles


@dataclass(frozen=True)
class DemoArticle:
    section: str  # section path
    title: str
    standfirst: str
    lead: str  # first paragraph, may contain <strong>/<em>
    tags: tuple
    resources: tuple = ()  # ((title, url), …)
    draft: bool = False
    slug: str = ""  # when not the title's (french_slugify)
    body: str = ""  # the whole body, hand-written; else built by build_body
    authors: tuple = ()  # names, in byline order; else picked by beat


_POL = "financement-et-politiques-publiques/politique-de-sante"
_AM = "financement-et-politiques-publiques/assurance-maladie"
_ARS = "financement-et-politiques-publiques/territoires-et-ars"
_HOP = "etablissements-de-sante/hopital-public"
_CLI = "etablissements-de-sante/cliniques"
_MS = "etablissements-de-sante/medico-social"
_NUM = "e-sante/numerique-en-sante"
_DON = "e-sante/donnees-de-sante"
_TLM = "e-sante/telemedecine"
_MED = "industries-de-sante/medicament"
_DM = "industries-de-sante/dispositifs-medicaux"
_BIO = "industries-de-sante/biotech"
_DOC = "professions-de-sante/medecins"
_PHA = "professions-de-sante/pharmaciens"
_PAR = "professions-de-sante/paramedicaux"

_DOCS = "https://documents.sante-publique.example"

ARTICLES = [
    # ---------------------------------------------------------------- politique de santé
    DemoArticle(
        _POL,
        "PLFSS : le gouvernement mise sur la prévention pour contenir les dépenses",
        "Le projet de loi de financement de la Sécurité sociale présenté en Conseil des "
        "ministres fait de la prévention l'un de ses axes majeurs. Les fédérations "
        "hospitalières jugent toutefois l'effort financier insuffisant face à la hausse des "
        "charges.",
        "Dépistages élargis, consultations de prévention aux âges clés de la vie, fiscalité "
        "comportementale : le texte transmis au Parlement aligne une série de mesures destinées "
        "à <strong>réduire les dépenses évitables</strong> à moyen terme. Leur rendement "
        "budgétaire reste cependant difficile à chiffrer à court terme.",
        ("PLFSS", "prévention", "Assurance maladie", "Parlement"),
        (("Dossier de presse du projet de loi (PDF)", f"{_DOCS}/plfss/dossier-de-presse.pdf"),),
    ),
    DemoArticle(
        _POL,
        "Stratégie nationale de santé : une consultation publique ouverte jusqu'à la fin du "
        "trimestre",
        "Le ministère soumet à consultation les grandes orientations de la future stratégie "
        "nationale de santé. Usagers, soignants et collectivités sont invités à se prononcer "
        "sur une quinzaine de priorités.",
        "La plateforme de contribution restera ouverte plusieurs semaines. Les orientations "
        "soumises au débat reprennent des thèmes déjà identifiés — accès aux soins, santé "
        "mentale, prévention — mais introduisent aussi un volet consacré à l'adaptation du "
        "système de santé au <em>changement climatique</em>.",
        ("prévention", "santé mentale", "régulation"),
    ),
    DemoArticle(
        _POL,
        "Santé mentale : les parlementaires réclament une loi de programmation",
        "Un rapport d'information adopté à l'unanimité appelle à sécuriser dans la durée les "
        "moyens consacrés à la psychiatrie. Il pointe l'allongement des délais d'accès aux "
        "centres médico-psychologiques.",
        "Les rapporteurs, issus de la majorité comme de l'opposition, estiment que les plans "
        "successifs n'ont pas permis de stabiliser l'offre de soins psychiatriques. Ils "
        "proposent une <strong>trajectoire pluriannuelle de financement</strong> votée par le "
        "Parlement et révisable tous les trois ans.",
        ("santé mentale", "psychiatrie", "Parlement"),
        (
            (
                "Rapport d'information sur l'organisation de la psychiatrie (PDF)",
                f"{_DOCS}/parlement/rapport-information-psychiatrie.pdf",
            ),
        ),
    ),
    DemoArticle(
        _POL,
        "Rendez-vous de prévention : un premier bilan encourageant mais inégal",
        "Un an après leur généralisation, les consultations de prévention proposées à quatre "
        "âges de la vie ont trouvé leur public chez les jeunes adultes. Le dispositif peine en "
        "revanche à atteindre les personnes éloignées du soin.",
        "Selon les premières données de l'Assurance maladie, près d'un assuré éligible sur cinq "
        "a bénéficié d'un rendez-vous, avec de fortes disparités selon les départements. Les "
        "pharmaciens et les infirmiers ont réalisé une part significative des consultations, "
        "signe que l'ouverture aux professions non médicales a joué.",
        ("prévention", "Assurance maladie", "vaccination"),
    ),
    DemoArticle(
        _POL,
        "Pollution, addictions, santé au travail : l'agenda sanitaire chargé de la session "
        "parlementaire",
        "Plusieurs propositions de loi relatives à la santé publique doivent être examinées "
        "d'ici l'été. Le gouvernement n'a pas encore indiqué lesquelles il entendait soutenir.",
        "La conférence des présidents a inscrit à l'ordre du jour une série de textes "
        "d'initiative parlementaire, souvent transpartisans. Leur sort dépendra largement de la "
        "place laissée par les textes budgétaires et de la position du gouvernement, "
        "<em>réservée</em> à ce stade.",
        ("Parlement", "prévention"),
    ),
    # ---------------------------------------------------------------- assurance maladie
    DemoArticle(
        _AM,
        "ONDAM : la rallonge de mi-année ne suffira pas à couvrir la hausse des charges "
        "hospitalières",
        "Le gouvernement a annoncé un relèvement de l'objectif national de dépenses "
        "d'assurance maladie en cours d'exercice. Les fédérations estiment qu'il manque encore "
        "plusieurs centaines de millions d'euros.",
        "L'enveloppe supplémentaire doit principalement financer les mesures salariales "
        "décidées au printemps. Pour les établissements, le compte n'y est pas : "
        "<strong>l'inflation des achats</strong> et la hausse des cotisations patronales ne "
        "sont que partiellement couvertes.",
        ("ONDAM", "financement", "hôpital", "budget"),
    ),
    DemoArticle(
        _AM,
        "Le comité d'alerte de l'ONDAM signale un risque sérieux de dépassement",
        "Dans son avis de printemps, le comité d'alerte juge probable un dépassement de "
        "l'objectif voté. Les soins de ville et les produits de santé concentrent l'essentiel "
        "de la dérive.",
        "C'est la première fois depuis plusieurs exercices que le comité emploie une formule "
        "aussi nette. Il invite le gouvernement à <strong>prendre sans délai</strong> des "
        "mesures de régulation, faute de quoi la procédure d'alerte pourrait être déclenchée à "
        "l'automne.",
        ("ONDAM", "budget", "régulation"),
        (("Avis du comité d'alerte (PDF)", f"{_DOCS}/ondam/avis-comite-alerte.pdf"),),
    ),
    DemoArticle(
        _AM,
        "Arrêts de travail : l'Assurance maladie durcit les contrôles sur les prescriptions",
        "La caisse nationale cible les médecins dont le volume d'indemnités journalières "
        "prescrites s'écarte nettement de la moyenne. Les syndicats dénoncent une "
        "stigmatisation.",
        "Plusieurs centaines de praticiens ont reçu un courrier les invitant à un entretien "
        "avec le service médical. À l'issue de cette phase, ceux qui ne réduiraient pas leurs "
        "prescriptions pourraient se voir imposer une <em>mise sous objectifs</em>.",
        ("Assurance maladie", "régulation", "convention médicale"),
    ),
    DemoArticle(
        _AM,
        "Dépassements d'honoraires : un rapport propose de les plafonner dans les zones "
        "sous-dotées",
        "Une mission parlementaire recommande de limiter les compléments d'honoraires là où "
        "l'offre de soins en secteur 1 est insuffisante. Les syndicats de spécialistes "
        "dénoncent une atteinte à la liberté tarifaire.",
        "Les auteurs du rapport constatent que, dans certaines spécialités, il devient "
        "difficile de consulter sans dépassement dans des départements entiers. Ils proposent "
        "un plafonnement modulé selon la densité médicale, assorti d'un "
        "<strong>renforcement de l'option tarifaire maîtrisée</strong>.",
        ("dépassements d'honoraires", "déserts médicaux", "Assurance maladie"),
    ),
    # ---------------------------------------------------------------- territoires et ARS
    DemoArticle(
        _ARS,
        "Les ARS invitées à revoir leurs projets régionaux de santé à l'aune des déserts médicaux",
        "Une instruction ministérielle demande aux agences de réviser leurs priorités pour "
        "cibler les territoires les plus fragiles. Les élus locaux réclament d'être associés "
        "à l'exercice.",
        "Le texte fixe aux agences un délai de six mois pour présenter une cartographie "
        "actualisée des zones d'intervention prioritaire. Il insiste sur la "
        "<strong>coordination avec les conseils départementaux</strong> et sur l'articulation "
        "avec les communautés professionnelles territoriales de santé.",
        ("ARS", "déserts médicaux", "exercice coordonné"),
    ),
    DemoArticle(
        _ARS,
        "Soins non programmés : une ARS expérimente une régulation commune entre ville et hôpital",
        "Dans trois départements, médecins libéraux et urgentistes partagent désormais une "
        "même plateforme de régulation. Les premiers résultats montrent une baisse des passages "
        "évitables aux urgences.",
        "Le dispositif repose sur un numéro unique et sur un planning de créneaux de "
        "consultation non programmée ouverts par les cabinets volontaires. Les régulateurs "
        "libéraux sont rémunérés à l'heure, selon un barème négocié avec l'agence.",
        ("ARS", "urgences", "exercice coordonné"),
    ),
    DemoArticle(
        _ARS,
        "Contrats locaux de santé : les communes rurales demandent plus de moyens d'ingénierie",
        "Les élus ruraux saluent l'outil mais regrettent de devoir financer seuls le poste de "
        "coordinateur. Une association d'élus propose un cofinancement systématique par les "
        "ARS.",
        "Sur le terrain, la réussite d'un contrat local de santé dépend souvent d'une seule "
        "personne : le coordinateur chargé d'animer le réseau des acteurs. Or ce poste, "
        "<em>rarement pérenne</em>, est fréquemment financé sur des crédits annuels.",
        ("déserts médicaux", "ARS", "prévention"),
    ),
    DemoArticle(
        _ARS,
        "Fonds d'intervention régional : la Cour des comptes appelle à mieux évaluer les crédits",
        "Dans un rapport consacré aux agences régionales de santé, la juridiction financière "
        "relève l'absence d'évaluation systématique des actions financées. Elle recommande de "
        "concentrer les moyens sur un nombre réduit de priorités.",
        "Le fonds, qui finance des actions aussi variées que la permanence des soins, la "
        "prévention ou l'appui aux restructurations, est devenu au fil des années un "
        "instrument de souplesse budgétaire. Les magistrats y voient un <strong>risque de "
        "saupoudrage</strong>.",
        ("ARS", "financement", "régulation"),
        (
            (
                "Rapport sur le fonds d'intervention régional (PDF)",
                f"{_DOCS}/juridictions-financieres/fonds-intervention-regional.pdf",
            ),
        ),
    ),
    # ---------------------------------------------------------------- hôpital public
    DemoArticle(
        _HOP,
        "Tarification à l'activité : la réforme du financement des hôpitaux entre dans une "
        "phase décisive",
        "Le ministère a présenté aux fédérations le calendrier de sortie progressive de la "
        "tarification à l'activité. La part des dotations liées à la qualité et à la "
        "population doit augmenter dès la prochaine campagne.",
        "La réforme vise à corriger les effets pervers d'un modèle accusé d'inciter à "
        "l'activité au détriment de la pertinence. Les fédérations soutiennent l'objectif mais "
        "demandent des <strong>simulations établissement par établissement</strong> avant "
        "toute bascule.",
        ("tarification à l'activité", "hôpital", "financement"),
    ),
    DemoArticle(
        _HOP,
        "Urgences : l'été s'annonce de nouveau sous tension dans les hôpitaux moyens",
        "Une enquête menée auprès des chefs de service recense plusieurs dizaines de services "
        "d'urgences contraints de réguler leur accès la nuit. Les centres hospitaliers de "
        "taille moyenne sont les plus exposés.",
        "Faute d'effectifs suffisants, de nombreux services ne pourront accueillir les patients "
        "qu'après un appel au centre 15. Les urgentistes dénoncent une situation devenue "
        "<em>structurelle</em>, loin des mesures présentées comme temporaires il y a quelques "
        "années.",
        ("urgences", "hôpital", "ARS"),
    ),
    DemoArticle(
        _HOP,
        "GHT : un rapport recommande d'intégrer davantage les achats et les systèmes d'information",
        "Dix ans après leur création, les groupements hospitaliers de territoire n'ont pas "
        "tenu toutes leurs promesses, selon une mission d'inspection. Elle propose de rendre "
        "obligatoire une direction commune des systèmes d'information.",
        "Les inspecteurs constatent que la mutualisation reste très variable d'un groupement à "
        "l'autre. Là où elle fonctionne, elle repose sur un projet médical partagé porté par "
        "les équipes, et non sur une simple <strong>convention juridique</strong>.",
        ("GHT", "hôpital", "interopérabilité"),
        (
            (
                "Rapport de la mission sur les groupements hospitaliers de territoire (PDF)",
                f"{_DOCS}/inspection/rapport-ght.pdf",
            ),
        ),
    ),
    DemoArticle(
        _HOP,
        "Investissement hospitalier : des projets rattrapés par la hausse des coûts de "
        "construction",
        "Plusieurs opérations immobilières financées par le plan de relance doivent être "
        "redimensionnées. Les surcoûts atteignent parfois un tiers du budget initial.",
        "Les directions d'établissements doivent arbitrer entre réduire le périmètre des "
        "projets, étaler les travaux ou rechercher des financements complémentaires. Les ARS "
        "ont été invitées à <strong>revoir leurs priorités régionales</strong> pour les "
        "opérations non encore engagées.",
        ("investissement hospitalier", "hôpital", "CHU"),
    ),
    DemoArticle(
        _HOP,
        "Intérim médical : les hôpitaux face aux effets du plafonnement des rémunérations",
        "L'application stricte du plafond de rémunération des médecins intérimaires a "
        "provoqué des fermetures ponctuelles de lignes de garde. Les directeurs demandent un "
        "accompagnement pour les établissements les plus dépendants.",
        "Dans certains petits hôpitaux, plus de la moitié des gardes d'anesthésie ou "
        "d'urgences reposaient sur des praticiens intérimaires. Le plafonnement, s'il met fin "
        "à des <em>surenchères</em> dénoncées de longue date, oblige à réorganiser les "
        "plannings à l'échelle du territoire.",
        ("hôpital", "régulation", "urgences"),
    ),
    # ---------------------------------------------------------------- cliniques
    DemoArticle(
        _CLI,
        "Les cliniques privées alertent sur la dégradation de leurs marges",
        "Selon leur fédération, plus d'un établissement sur trois serait en déficit en fin "
        "d'exercice. Le secteur réclame une révision de la campagne tarifaire.",
        "Les données présentées à la presse montrent une dégradation continue de la rentabilité "
        "depuis trois ans. La fédération pointe <strong>l'écart d'évolution des tarifs</strong> "
        "entre secteurs public et privé, qu'elle juge injustifié.",
        ("cliniques privées", "financement", "tarification à l'activité"),
    ),
    DemoArticle(
        _CLI,
        "Campagne tarifaire : le secteur privé conteste l'écart d'évolution avec le public",
        "Les tarifs des établissements privés progresseront moins vite que ceux de l'hôpital "
        "public cette année. Le ministère justifie ce choix par la prise en charge des mesures "
        "salariales du secteur public.",
        "Les représentants des cliniques menacent de saisir le Conseil d'État. Ils estiment "
        "que l'écart de traitement n'est pas justifié par des <em>différences de missions</em> "
        "suffisantes et pénalise les établissements qui participent à la permanence des soins.",
        ("cliniques privées", "ONDAM", "tarification à l'activité"),
    ),
    DemoArticle(
        _CLI,
        "Chirurgie ambulatoire : les établissements privés poursuivent leur avance",
        "Plus des deux tiers des interventions chirurgicales réalisées en clinique le sont "
        "désormais sans nuitée. Les hôpitaux publics progressent, mais à un rythme plus lent.",
        "Le développement de l'ambulatoire a profondément transformé l'organisation des blocs "
        "opératoires. Les cliniques ont souvent conçu des <strong>unités dédiées</strong>, "
        "quand les hôpitaux doivent composer avec des locaux anciens et des circuits partagés.",
        ("cliniques privées", "innovation"),
    ),
    DemoArticle(
        _CLI,
        "Permanence des soins : les cliniques prêtes à prendre davantage de gardes, sous "
        "conditions",
        "La fédération de l'hospitalisation privée se dit disposée à renforcer sa "
        "participation aux gardes de nuit et de week-end. Elle demande en contrepartie une "
        "rémunération alignée sur celle du secteur public.",
        "La proposition intervient alors que plusieurs ARS peinent à organiser la permanence "
        "des soins dans certaines spécialités chirurgicales. Les syndicats de praticiens "
        "hospitaliers y voient une <em>reconnaissance tardive</em> d'un déséquilibre ancien.",
        ("cliniques privées", "urgences", "ARS"),
    ),
    # ---------------------------------------------------------------- médico-social
    DemoArticle(
        _MS,
        "Ehpad : un tiers des établissements publics en déficit, selon une enquête fédérale",
        "Les résultats d'une enquête menée auprès de plusieurs centaines d'établissements "
        "confirment la dégradation de la situation financière du secteur. Les Ehpad publics "
        "rattachés à un hôpital sont particulièrement touchés.",
        "Hausse des coûts de l'énergie et de l'alimentation, taux d'occupation encore inférieur "
        "à son niveau d'avant-crise, recours accru à l'intérim : les causes sont connues. Les "
        "gestionnaires demandent un <strong>fonds d'urgence</strong> pour éviter des "
        "fermetures.",
        ("Ehpad", "médico-social", "autonomie", "financement"),
        (("Résultats de l'enquête financière (PDF)", f"{_DOCS}/medico-social/enquete-ehpad.pdf"),),
    ),
    DemoArticle(
        _MS,
        "Fusion des sections soins et dépendance : les départements pilotes font leurs "
        "premiers comptes",
        "Une vingtaine de départements expérimentent la fusion des financements des Ehpad. Les "
        "premiers retours font état d'une simplification réelle, mais aussi d'incertitudes "
        "sur la compensation.",
        "La réforme confie à l'Assurance maladie le financement unifié des soins et de la "
        "dépendance. Les départements concernés craignent de perdre la main sur le pilotage de "
        "l'offre, tandis que les gestionnaires saluent un <em>interlocuteur unique</em>.",
        ("Ehpad", "autonomie", "médico-social"),
    ),
    DemoArticle(
        _MS,
        "Services à domicile : les revalorisations peinent à enrayer les difficultés de "
        "recrutement",
        "Malgré les hausses de salaires accordées dans la branche, les services d'aide et de "
        "soins à domicile continuent de refuser des prises en charge. Un quart des postes "
        "ouverts resteraient non pourvus.",
        "Les fédérations du secteur estiment que la revalorisation des salaires ne suffit pas "
        "à compenser la pénibilité du métier. Elles plaident pour une prise en charge des "
        "<strong>frais de déplacement</strong> et une meilleure organisation des tournées.",
        ("autonomie", "médico-social", "soins infirmiers"),
    ),
    DemoArticle(
        _MS,
        "Handicap : un plan pour limiter les départs contraints vers l'étranger",
        "Le gouvernement annonce la création de plusieurs centaines de places en France pour "
        "des adultes en situation de handicap accueillis faute de solution hors des "
        "frontières. Les associations saluent un effort qu'elles jugent tardif.",
        "Le plan prévoit des appels à projets ciblés dans les régions frontalières, où les "
        "départs sont les plus nombreux. Les associations demandent que les familles concernées "
        "soient <em>accompagnées individuellement</em> dans le choix d'une solution.",
        ("médico-social", "autonomie", "Europe"),
    ),
    # ---------------------------------------------------------------- numérique en santé
    DemoArticle(
        _NUM,
        "Ségur du numérique : la deuxième vague vise les logiciels des professionnels libéraux",
        "Le programme de financement des systèmes d'information entre dans une nouvelle "
        "phase, centrée sur la médecine de ville, les laboratoires et les officines. Les "
        "éditeurs ont quelques mois pour faire référencer leurs solutions.",
        "Cette deuxième vague doit généraliser l'envoi de documents structurés vers le "
        "<strong>dossier médical partagé</strong> et la messagerie sécurisée. Les éditeurs "
        "pointent un cahier des charges plus lourd que lors de la première phase.",
        ("Ségur du numérique", "interopérabilité", "DMP"),
        (
            (
                "Dossier de spécifications de la vague 2 (PDF)",
                f"{_DOCS}/numerique/specifications-vague-2.pdf",
            ),
        ),
    ),
    DemoArticle(
        _NUM,
        "Mon espace santé : l'usage progresse mais reste concentré sur la consultation des "
        "documents",
        "Le nombre d'assurés ayant activé leur espace numérique de santé continue de croître. "
        "Les fonctionnalités d'échange avec les professionnels restent en revanche peu "
        "utilisées.",
        "Résultats d'analyses, comptes rendus, ordonnances : les documents déposés se comptent "
        "désormais par centaines de millions. Mais la messagerie patient et l'agenda santé "
        "n'ont pas trouvé leur public, faute de <em>promotion</em> par les soignants.",
        ("Mon espace santé", "DMP", "Assurance maladie"),
    ),
    DemoArticle(
        _NUM,
        "Cybersécurité : les hôpitaux appelés à tester leurs plans de continuité d'activité",
        "Après une série d'attaques par rançongiciel, les établissements devront réaliser un "
        "exercice de crise chaque année. Un financement dédié accompagne l'obligation.",
        "L'objectif est de s'assurer que les services critiques — urgences, bloc, pharmacie — "
        "peuvent fonctionner plusieurs jours en <strong>mode dégradé</strong>. Les exercices "
        "réalisés jusqu'ici ont montré une forte dépendance aux outils numériques.",
        ("cybersécurité", "hôpital", "e-santé"),
    ),
    DemoArticle(
        _NUM,
        "Messagerie sécurisée de santé : l'objectif de généralisation repoussé",
        "Le taux d'usage de la messagerie sécurisée entre professionnels reste en deçà des "
        "objectifs fixés. L'échéance de généralisation a été décalée de dix-huit mois.",
        "Le courrier papier et la messagerie non sécurisée restent très présents dans les "
        "échanges entre ville et hôpital. Les établissements évoquent des difficultés "
        "d'<em>annuaire</em> et d'intégration dans les logiciels métier.",
        ("interopérabilité", "Ségur du numérique"),
    ),
    DemoArticle(
        _NUM,
        "Carte Vitale dématérialisée : l'application étendue à de nouveaux départements",
        "L'application qui remplace la carte Vitale physique est désormais proposée dans une "
        "trentaine de départements supplémentaires. La généralisation nationale est attendue "
        "l'an prochain.",
        "L'Assurance maladie met en avant la lutte contre la fraude et la simplicité d'usage. "
        "Les professionnels, eux, attendent que leurs logiciels soient à jour pour lire "
        "l'application sans <strong>manipulation supplémentaire</strong>.",
        ("Assurance maladie", "e-santé", "Mon espace santé"),
        draft=True,
    ),
    # ---------------------------------------------------------------- données de santé
    DemoArticle(
        _DON,
        "Health Data Hub : le débat sur l'hébergement des données relancé",
        "Le choix d'une solution d'hébergement qualifiée pour la plateforme nationale des "
        "données de santé se fait attendre. Les chercheurs s'inquiètent d'un gel des projets.",
        "Les appels d'offres successifs n'ont pas permis d'identifier une solution européenne "
        "répondant à l'ensemble des exigences techniques. Dans l'intervalle, certaines "
        "demandes d'accès à la <strong>base principale</strong> sont mises en attente.",
        ("Health Data Hub", "données de santé", "souveraineté sanitaire", "cybersécurité"),
    ),
    DemoArticle(
        _DON,
        "Espace européen des données de santé : ce que le règlement va changer pour les "
        "établissements",
        "Le nouveau règlement européen organise le partage des données de santé pour les soins "
        "et pour la recherche. Les établissements devront adapter leurs systèmes "
        "d'information d'ici plusieurs années.",
        "Le texte distingue l'usage primaire des données, pour la prise en charge des patients, "
        "et leur usage secondaire, pour la recherche et l'innovation. Les établissements "
        "seront concernés par les deux volets, avec des obligations de "
        "<em>format et d'interopérabilité</em>.",
        ("données de santé", "Europe", "interopérabilité"),
        (("Synthèse du règlement européen (PDF)", f"{_DOCS}/europe/synthese-reglement-eeds.pdf"),),
    ),
    DemoArticle(
        _DON,
        "Entrepôts de données hospitaliers : les CHU accélèrent, les autres établissements "
        "attendent",
        "La plupart des centres hospitaliers universitaires disposent désormais d'un entrepôt "
        "de données opérationnel. Les établissements non universitaires réclament un "
        "financement pour les rejoindre.",
        "Ces entrepôts permettent d'exploiter les données issues des dossiers patients à des "
        "fins de recherche et de pilotage. Ils sont aussi la condition du développement d'"
        "<strong>outils d'intelligence artificielle</strong> entraînés sur des données "
        "françaises.",
        ("données de santé", "CHU", "Intelligence Artificielle"),
    ),
    DemoArticle(
        _DON,
        "Données de vie réelle : la HAS précise ses attentes pour l'évaluation des produits de "
        "santé",
        "Un guide méthodologique détaille les conditions dans lesquelles des études "
        "observationnelles peuvent compléter les essais cliniques. Les industriels saluent une "
        "clarification attendue.",
        "La Haute Autorité de santé insiste sur la qualité des sources, la transparence des "
        "protocoles et le <em>pré-enregistrement</em> des analyses. Les données de vie réelle "
        "ne sauraient, selon elle, se substituer aux essais randomisés.",
        ("HAS", "données de santé", "accès précoce"),
    ),
    # ---------------------------------------------------------------- télémédecine
    DemoArticle(
        _TLM,
        "Téléconsultation : l'Assurance maladie encadre davantage les plateformes commerciales",
        "Un agrément sera désormais nécessaire pour les sociétés de téléconsultation "
        "salariant des médecins. Elles devront respecter un cahier des charges sur la qualité "
        "et la coordination des soins.",
        "L'agrément vise les acteurs dont les consultations sont prises en charge par "
        "l'Assurance maladie. Le cahier des charges impose notamment la <strong>transmission "
        "d'un compte rendu</strong> au médecin traitant et un plafond d'arrêts de travail "
        "prescrits à distance.",
        ("télémédecine", "Assurance maladie", "régulation"),
    ),
    DemoArticle(
        _TLM,
        "Télésurveillance : le passage dans le droit commun se fait attendre pour plusieurs "
        "pathologies",
        "Si l'insuffisance cardiaque et le diabète bénéficient d'un financement pérenne, "
        "d'autres indications restent en suspens. Les industriels dénoncent des délais "
        "d'évaluation trop longs.",
        "Les fabricants de solutions de télésurveillance doivent désormais obtenir une "
        "inscription sur une liste de produits remboursables. Plusieurs dossiers sont en "
        "attente d'avis, ce qui laisse des patients <em>sans suivi à distance</em> à la fin des "
        "programmes expérimentaux.",
        ("télésanté", "télémédecine", "dispositifs médicaux"),
    ),
    DemoArticle(
        _TLM,
        "Déserts médicaux : les cabines de téléconsultation en mairie divisent les élus",
        "De plus en plus de communes installent des cabines connectées pour pallier le départ "
        "de leur médecin. L'ordre des médecins et plusieurs associations d'élus mettent en "
        "garde contre une fausse solution.",
        "Les cabines permettent de mesurer la tension, la saturation ou la température et "
        "d'échanger avec un médecin à distance. Mais sans professionnel de santé sur place, la "
        "<strong>qualité de l'examen</strong> reste limitée, et le suivi au long cours "
        "difficile.",
        ("télémédecine", "déserts médicaux"),
    ),
    DemoArticle(
        _TLM,
        "Télé-expertise : les dermatologues en première ligne de la montée en charge",
        "Le nombre d'actes de télé-expertise facturés a fortement progressé, porté par la "
        "dermatologie. Les généralistes y voient un moyen de réduire les délais d'accès aux "
        "spécialistes.",
        "La transmission d'une photographie accompagnée d'un contexte clinique permet souvent "
        "d'éviter une consultation ou d'en accélérer l'organisation. Les dermatologues "
        "plaident pour une <em>revalorisation</em> de l'acte, jugé peu rémunérateur.",
        ("télésanté", "télémédecine", "convention médicale"),
    ),
    # ---------------------------------------------------------------- médicament
    DemoArticle(
        _MED,
        "Pénuries de médicaments : l'ANSM impose des stocks de sécurité renforcés",
        "L'agence du médicament étend à plusieurs centaines de spécialités l'obligation de "
        "constituer quatre mois de stock. Les industriels dénoncent une mesure coûteuse et "
        "difficile à tenir.",
        "La liste des médicaments concernés a été établie à partir des signalements de "
        "ruptures des dernières années. Les laboratoires devront <strong>justifier de leurs "
        "stocks</strong> sous peine de sanctions financières.",
        ("pénuries de médicaments", "ANSM", "souveraineté sanitaire"),
        (("Liste des spécialités concernées (PDF)", f"{_DOCS}/medicament/liste-stocks.pdf"),),
    ),
    DemoArticle(
        _MED,
        "Prix du médicament : les industriels dénoncent une clause de sauvegarde « hors de "
        "contrôle »",
        "Le mécanisme qui oblige les laboratoires à reverser une partie de leur chiffre "
        "d'affaires au-delà d'un seuil a atteint un niveau record. Le secteur réclame une "
        "réforme dans le prochain PLFSS.",
        "Conçue comme un filet de sécurité exceptionnel, la clause de sauvegarde est devenue "
        "un <em>prélèvement quasi permanent</em>, selon les entreprises du médicament. Le "
        "gouvernement rappelle qu'elle résulte de la croissance rapide des dépenses.",
        ("prix du médicament", "PLFSS", "CEPS"),
    ),
    DemoArticle(
        _MED,
        "Accès précoce : trois ans après la réforme, un bilan globalement positif",
        "Le dispositif qui permet aux patients de bénéficier de traitements innovants avant "
        "leur remboursement de droit commun a accueilli plusieurs centaines d'indications. Les "
        "délais d'instruction restent toutefois perfectibles.",
        "La réforme a unifié des procédures auparavant éclatées. La HAS et l'ANSM instruisent "
        "désormais conjointement les demandes, ce qui a permis de <strong>réduire les "
        "délais</strong> pour les indications les plus attendues.",
        ("accès précoce", "HAS", "innovation"),
    ),
    DemoArticle(
        _MED,
        "Relocalisation : un appel à projets pour produire en France des principes actifs "
        "critiques",
        "L'État cofinancera des investissements industriels pour une cinquantaine de molécules "
        "jugées essentielles. Les projets retenus devront garantir des volumes de production "
        "sur plusieurs années.",
        "Paracétamol, amoxicilline, certains anticancéreux anciens : la liste recouvre des "
        "médicaments dont la production s'est concentrée hors d'Europe. L'enjeu est autant "
        "<em>sanitaire</em> qu'industriel.",
        ("souveraineté sanitaire", "pénuries de médicaments", "innovation"),
    ),
    DemoArticle(
        _MED,
        "Génériques et biosimilaires : le gouvernement veut accélérer la substitution",
        "De nouvelles molécules biologiques pourront être substituées par le pharmacien. "
        "L'objectif est de rapprocher la France de ses voisins européens en matière de "
        "pénétration des biosimilaires.",
        "La substitution des biosimilaires, longtemps réservée au prescripteur, s'ouvre "
        "progressivement à l'officine. Les pharmaciens devront <strong>informer le patient et "
        "le médecin</strong> à chaque changement de traitement.",
        ("pharmacie d'officine", "prix du médicament", "Assurance maladie"),
    ),
    # ---------------------------------------------------------------- dispositifs médicaux
    DemoArticle(
        _DM,
        "Dispositifs médicaux : la recertification européenne menace encore des produits de niche",
        "Malgré les délais supplémentaires accordés par Bruxelles, une partie des dispositifs "
        "n'a pas obtenu de nouveau certificat. Les chirurgiens pédiatriques sont parmi les plus "
        "inquiets.",
        "Les produits concernés sont souvent destinés à de petites populations de patients, "
        "pour lesquelles le coût de la recertification dépasse le chiffre d'affaires. Les "
        "sociétés savantes demandent un <strong>régime spécifique</strong> pour les "
        "dispositifs orphelins.",
        ("dispositifs médicaux", "Europe", "régulation"),
    ),
    DemoArticle(
        _DM,
        "IA en radiologie : la HAS publie un premier cadre d'évaluation des logiciels d'aide "
        "au diagnostic",
        "La Haute Autorité de santé définit les critères qu'elle retiendra pour évaluer les "
        "solutions d'intelligence artificielle en imagerie. Les radiologues saluent une "
        "démarche qui pourrait ouvrir la voie à un financement.",
        "Détection de fractures, de nodules pulmonaires ou de lésions mammaires : les logiciels "
        "se multiplient dans les services d'imagerie, souvent sans évaluation comparative. Le "
        "cadre publié exige des <em>études menées en conditions réelles</em> d'utilisation.",
        ("Intelligence Artificielle", "radiologie", "HAS", "dispositifs médicaux"),
        (
            (
                "Cadre d'évaluation des logiciels d'aide au diagnostic (PDF)",
                f"{_DOCS}/evaluation/cadre-ia-imagerie.pdf",
            ),
        ),
    ),
    DemoArticle(
        _DM,
        "Dispositifs numériques : la prise en charge anticipée peine à décoller",
        "Le dispositif censé accélérer le remboursement des applications et logiciels "
        "médicaux n'a bénéficié qu'à une poignée de produits. Les start-up pointent la "
        "complexité des dossiers.",
        "Conçue pour financer pendant un an un dispositif numérique prometteur le temps de "
        "réunir des preuves, la prise en charge anticipée suppose un dossier proche de celui "
        "d'une <strong>inscription de droit commun</strong>. Peu d'entreprises s'y "
        "risquent.",
        ("dispositifs médicaux", "e-santé", "innovation", "accès précoce"),
    ),
    DemoArticle(
        _DM,
        "Achats hospitaliers : les fabricants demandent d'intégrer le critère environnemental",
        "Les industriels des technologies médicales proposent de pondérer davantage l'impact "
        "environnemental dans les appels d'offres. Ils y voient un moyen de valoriser la "
        "production européenne.",
        "Les acheteurs hospitaliers reconnaissent que le prix reste le critère déterminant. "
        "Plusieurs groupements ont toutefois lancé des marchés pilotes intégrant un "
        "<em>bilan carbone</em> des produits et de leur transport.",
        ("dispositifs médicaux", "hôpital", "GHT"),
    ),
    # ---------------------------------------------------------------- biotech
    DemoArticle(
        _BIO,
        "Biotech : les levées de fonds se concentrent sur quelques acteurs",
        "Le montant total levé par les biotechs françaises est stable, mais il se répartit "
        "sur un nombre réduit d'entreprises. Les sociétés en phase précoce peinent à "
        "convaincre.",
        "Les fonds spécialisés privilégient les sociétés disposant de données cliniques "
        "solides. Pour les autres, les <strong>financements publics</strong> et les "
        "partenariats avec de grands laboratoires deviennent des relais indispensables.",
        ("biotech", "start-up", "innovation"),
    ),
    DemoArticle(
        _BIO,
        "Essais cliniques : la France tente de regagner du terrain face à ses voisins",
        "Les délais d'autorisation des essais ont été réduits, mais la France reste distancée "
        "par plusieurs pays européens pour le nombre d'essais ouverts. Un plan d'action vise à "
        "simplifier les contrats.",
        "Le contrat unique entre promoteurs industriels et établissements, censé accélérer la "
        "mise en place des essais, reste appliqué de manière hétérogène. Les promoteurs "
        "réclament une <em>standardisation</em> effective des conventions et des surcoûts.",
        ("essais cliniques", "Europe", "ANSM"),
    ),
    DemoArticle(
        _BIO,
        "Thérapies géniques : les hôpitaux s'organisent pour administrer des traitements "
        "hors normes",
        "L'arrivée de thérapies géniques facturées plusieurs millions d'euros bouscule "
        "l'organisation et le financement des établissements. Seuls quelques centres sont "
        "habilités à les administrer.",
        "Les centres retenus doivent disposer d'équipes formées, de circuits pharmaceutiques "
        "sécurisés et de capacités de suivi à long terme. Le financement repose sur une "
        "<strong>liste en sus</strong> des tarifs hospitaliers, avec des modalités de "
        "paiement échelonné.",
        ("biotech", "hôpital", "prix du médicament", "CHU"),
    ),
    DemoArticle(
        _BIO,
        "Bioproduction : un nouveau volet du plan d'investissement consacré aux biothérapies",
        "L'État annonce de nouveaux crédits pour la production de biomédicaments sur le "
        "territoire. Les industriels attendent des précisions sur les critères de sélection.",
        "Le volet doit soutenir aussi bien les jeunes pousses que les façonniers capables de "
        "produire à grande échelle. L'objectif affiché est de <em>doubler</em> les capacités "
        "de bioproduction en cinq ans.",
        ("biotech", "souveraineté sanitaire", "innovation"),
        draft=True,
    ),
    # ---------------------------------------------------------------- médecins
    DemoArticle(
        _DOC,
        "Convention médicale : la revalorisation de la consultation ne clôt pas le débat sur "
        "l'attractivité",
        "La hausse du tarif de la consultation de médecine générale est entrée en vigueur. "
        "Les syndicats jugent le geste insuffisant pour enrayer la désaffection pour "
        "l'exercice libéral.",
        "La revalorisation s'accompagne d'engagements collectifs sur l'accès aux soins, en "
        "particulier sur la prise en charge des patients sans médecin traitant. Les syndicats "
        "minoritaires dénoncent des <strong>contreparties</strong> qu'ils jugent irréalistes.",
        ("convention médicale", "Assurance maladie", "déserts médicaux"),
    ),
    DemoArticle(
        _DOC,
        "Internes : la quatrième année de médecine générale suscite toujours des inquiétudes",
        "La première promotion concernée par l'allongement du cursus approche de cette année "
        "supplémentaire. Les internes s'interrogent sur l'encadrement et la rémunération.",
        "La réforme prévoit que les internes effectuent cette dernière année en autonomie "
        "supervisée, de préférence dans les zones sous-denses. Le nombre de <em>maîtres de "
        "stage</em> disponibles reste la principale inconnue.",
        ("internes", "déserts médicaux"),
    ),
    DemoArticle(
        _DOC,
        "Régulation de l'installation : une proposition de loi transpartisane relance le débat",
        "Des députés de plusieurs groupes proposent de conditionner l'installation des médecins "
        "en zone bien dotée au départ d'un confrère. Les syndicats de médecins y sont "
        "unanimement opposés.",
        "Le texte s'inspire du conventionnement sélectif déjà appliqué à d'autres professions "
        "de santé, comme les infirmiers ou les kinésithérapeutes. Ses auteurs assurent qu'il "
        "s'agit d'une <strong>mesure d'équité territoriale</strong> et non d'une sanction.",
        ("déserts médicaux", "Parlement", "régulation"),
    ),
    DemoArticle(
        _DOC,
        "Médecins diplômés hors de l'Union : les procédures d'autorisation toujours trop lentes",
        "Plusieurs milliers de praticiens formés hors de l'Union européenne exercent à "
        "l'hôpital sous des statuts précaires. Les épreuves de vérification des connaissances "
        "restent un goulet d'étranglement.",
        "Les hôpitaux de taille moyenne dépendent largement de ces praticiens pour faire "
        "fonctionner leurs services. Les organisations qui les représentent demandent une "
        "<em>procédure simplifiée</em> pour ceux qui exercent déjà en France depuis plusieurs "
        "années.",
        ("hôpital", "déserts médicaux", "régulation"),
    ),
    # ---------------------------------------------------------------- pharmaciens
    DemoArticle(
        _PHA,
        "Pharmacies d'officine : les fermetures en zone rurale inquiètent les ARS",
        "Le nombre de pharmacies a de nouveau reculé l'an dernier, avec une accélération dans "
        "les communes de moins de 2 000 habitants. Plusieurs agences étudient des aides au "
        "maintien.",
        "Dans certains cantons, la fermeture de la dernière officine oblige les habitants à "
        "parcourir plus de vingt kilomètres. Les ARS peuvent autoriser des "
        "<strong>antennes</strong>, mais le dispositif reste peu utilisé.",
        ("pharmacie d'officine", "déserts médicaux", "ARS"),
    ),
    DemoArticle(
        _PHA,
        "Vaccination à l'officine : les pharmaciens élargissent leur champ d'intervention",
        "Les pharmaciens peuvent désormais prescrire et administrer l'ensemble des vaccins du "
        "calendrier vaccinal chez l'adulte. La mesure doit améliorer une couverture jugée "
        "insuffisante.",
        "Les premières campagnes montrent que l'officine touche des publics qui consultent peu "
        "leur médecin. Les syndicats de pharmaciens demandent une <em>revalorisation</em> de "
        "l'acte de vaccination pour en assurer la pérennité.",
        ("pharmacie d'officine", "vaccination", "prévention"),
    ),
    DemoArticle(
        _PHA,
        "Dispensation à l'unité : l'expérimentation étendue à de nouveaux antibiotiques",
        "Face aux tensions d'approvisionnement, les pharmaciens pourront délivrer certains "
        "antibiotiques au comprimé près. La mesure vise aussi à limiter le gaspillage.",
        "La dispensation à l'unité suppose de reconditionner les médicaments et d'assurer leur "
        "traçabilité. Les pharmaciens soulignent le <strong>temps supplémentaire</strong> "
        "nécessaire, pour l'instant faiblement rémunéré.",
        ("pharmacie d'officine", "pénuries de médicaments"),
    ),
    DemoArticle(
        _PHA,
        "Pharmacie clinique : un rapport plaide pour une meilleure reconnaissance à l'hôpital",
        "Une mission d'inspection recommande de généraliser la conciliation médicamenteuse à "
        "l'entrée et à la sortie d'hospitalisation. Elle souligne les effectifs insuffisants "
        "des pharmacies à usage intérieur.",
        "La conciliation médicamenteuse permet de détecter les erreurs de traitement lors des "
        "transitions entre ville et hôpital. Les études citées par la mission font état d'une "
        "<em>réduction significative</em> des réhospitalisations.",
        ("hôpital", "CHU", "pénuries de médicaments"),
    ),
    # ---------------------------------------------------------------- paramédicaux
    DemoArticle(
        _PAR,
        "Infirmiers en pratique avancée : l'accès direct se met en place lentement",
        "Les patients peuvent désormais consulter un infirmier en pratique avancée sans "
        "passer par leur médecin, dans les structures d'exercice coordonné. Le nombre de "
        "professionnels formés reste toutefois limité.",
        "Quelques milliers d'infirmiers seulement sont diplômés en pratique avancée, une "
        "formation de niveau master. Beaucoup exercent à l'hôpital, où le modèle "
        "économique est <strong>mieux assuré</strong> qu'en ville.",
        ("soins infirmiers", "déserts médicaux", "exercice coordonné"),
    ),
    DemoArticle(
        _PAR,
        "Formation infirmière : les abandons en cours de cursus restent élevés",
        "Près d'un étudiant sur cinq quitte sa formation avant le diplôme, selon une étude "
        "récente. Les stages sont le moment le plus critique.",
        "Les étudiants décrivent des stages dans des services en sous-effectif, où "
        "l'encadrement est difficile à assurer. Les instituts de formation demandent des "
        "<em>tuteurs</em> disposant de temps dédié.",
        ("soins infirmiers", "hôpital"),
    ),
    DemoArticle(
        _PAR,
        "Kinésithérapeutes : l'accès direct expérimenté dans les structures coordonnées",
        "Les patients peuvent consulter un kinésithérapeute sans ordonnance dans les maisons "
        "de santé participantes. Le nombre de séances est plafonné en l'absence de diagnostic "
        "médical.",
        "Les premiers retours montrent un usage concentré sur les lombalgies et les entorses. "
        "Les médecins participants saluent un <strong>gain de temps</strong>, à condition que "
        "le compte rendu leur soit systématiquement transmis.",
        ("exercice coordonné", "déserts médicaux"),
    ),
    DemoArticle(
        _PAR,
        "Aides-soignants : de nouvelles compétences reconnues par décret",
        "Un décret élargit la liste des actes que peuvent réaliser les aides-soignants, "
        "notamment en Ehpad. Les organisations syndicales réclament une revalorisation "
        "correspondante.",
        "Parmi les actes concernés figurent certaines mesures de paramètres vitaux et l'aide "
        "à la prise de médicaments. Les directions d'Ehpad y voient une <em>souplesse "
        "bienvenue</em> dans un contexte de pénurie d'infirmiers.",
        ("soins infirmiers", "Ehpad", "médico-social"),
    ),
]


# --------------------------------------------------------------------------- body builder


def build_body(article, rng):
    """The article's HTML body: its own lead, then topic paragraphs under 2–3 subheadings."""
    if article.body:
        return article.body
    topic = TOPICS[article.section]
    headings = rng.sample(topic.headings, 2)
    paragraphs = rng.sample(topic.paragraphs, 3)
    parts = [f"<p>{article.lead}</p>"]

    parts.append(f"<h2>{headings[0]}</h2>")
    parts.append(f"<p>{paragraphs[0]}</p>")
    parts.append(f"<p>{paragraphs[1]}</p>")
    if rng.random() < 0.5:
        text, who = topic.quote
        parts.append(f"<blockquote><p>« {text} »</p><p>— {who}</p></blockquote>")

    parts.append(f"<h2>{headings[1]}</h2>")
    parts.append(f"<p>{paragraphs[2]}</p>")
    if rng.random() < 0.5:
        parts.append(f"<p>{rng.choice(LIST_INTROS)}</p>")
        items = rng.sample(topic.items, 3)
        parts.append("<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>")

    if article.resources:
        title, url = article.resources[0]
        parts.append(f'<p>Le document est consultable en ligne : <a href="{url}">{title}</a>.</p>')

    if rng.random() < 0.6:
        parts.append(f"<h2>{rng.choice(OUTLOOK_HEADINGS)}</h2>")
        parts.append(f"<p>{rng.choice(OUTLOOK_PARAGRAPHS)}</p>")
    return "".join(parts)


def article_rng(seed, index):
    """A random generator per article, so that editing one article does not reshuffle others."""
    return random.Random(f"{seed}:{index}")

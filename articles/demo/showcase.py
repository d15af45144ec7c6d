"""The demo's showcase article, written whole: the README's example address
(/financement-et-politiques-publiques/politique-de-sante/le-numerique-s-ancre/).

The seed publishes it a couple of hours before it runs, as the home page's lead, free
to read, signed by Aurélie Dureuil. Statements are attributed to no named person.
"""

from articles.demo.content import DemoArticle

_DOCS = "https://documents.sante-publique.example/csf-its"

BODY = "".join(
    (
        "<p>Le numérique n’est plus un chapitre annexe de la politique industrielle en santé. "
        "Lors de sa dernière réunion, le <strong>Comité stratégique de filière des industries "
        "et technologies de santé</strong> a consacré une large part de ses échanges à "
        "l’intelligence artificielle, aux données de santé et aux outils de diagnostic, en "
        "présence des fédérations du médicament, du dispositif médical et du diagnostic, des "
        "organisations syndicales et des services de l’État.</p>",
        "<p>Placé sous l’égide du Conseil national de l’industrie, le comité suit la mise en "
        "œuvre d’un contrat de filière pluriannuel. Selon plusieurs participants, sa version "
        "actualisée devrait faire du numérique un axe à part entière, au même titre que la "
        "production sur le territoire et l’attractivité de la France pour les essais "
        "cliniques.</p>",
        "<h2>Un axe dédié à l’intelligence artificielle</h2>",
        "<p>Le groupe de travail chargé du sujet a présenté une feuille de route articulée "
        "autour de trois priorités : ouvrir aux industriels, dans un cadre sécurisé, l’accès "
        "aux grandes bases de données publiques ; clarifier le parcours d’évaluation des "
        "logiciels fondés sur l’IA ; accompagner les laboratoires et les PME du diagnostic dans "
        "l’industrialisation de leurs solutions.</p>",
        "<p>Les industriels réclament avant tout de la lisibilité. « Nous avons besoin de "
        "savoir, dès la conception d’un outil, quelles preuves seront demandées et par qui », "
        "résume un représentant de la filière du diagnostic, qui plaide pour un guichet unique "
        "entre les agences chargées de l’évaluation et du remboursement.</p>",
        "<p>Du côté du ministère, on met en avant les appels à projets déjà lancés dans le "
        "cadre du plan d’investissement et la montée en charge des entrepôts de données "
        "hospitaliers. L’administration souhaite aussi mesurer plus finement l’effet des "
        "solutions financées, pour concentrer les moyens sur celles qui ont fait leurs preuves "
        "en conditions réelles.</p>",
        "<h2>Des laboratoires au diagnostic, une stratégie à consolider</h2>",
        "<p>Les laboratoires de biologie médicale et les fabricants de tests voient dans l’IA "
        "un levier pour absorber la hausse de l’activité, de l’aide à l’interprétation des "
        "résultats à la priorisation des examens urgents. Plusieurs d’entre eux rappellent "
        "toutefois que ces outils supposent des systèmes d’information interopérables et des "
        "financements pérennes, au-delà de la phase d’expérimentation.</p>",
        "<p>La question de la souveraineté est revenue à plusieurs reprises : la filière "
        "dépend encore largement d’infrastructures de calcul et d’hébergement "
        "extra-européennes, et les participants demandent que la stratégie nationale "
        "s’articule avec l’espace européen des données de santé.</p>",
        "<p>Les conclusions du groupe de travail doivent être consolidées dans les prochains "
        "mois, avant la prochaine séance plénière du comité. D’ici là, les fédérations "
        "comptent transmettre aux pouvoirs publics une liste d’indicateurs de suivi, pour que "
        "l’axe numérique du contrat se traduise en engagements mesurables.</p>",
    )
)

SHOWCASE = DemoArticle(
    "financement-et-politiques-publiques/politique-de-sante",
    "Le numérique s’ancre au Comité stratégique de filière",
    "Réuni pour faire le point sur le contrat de la filière des industries et technologies "
    "de santé, le Comité stratégique de filière a fait du numérique et de l’intelligence "
    "artificielle l’un de ses axes structurants. Industriels et pouvoirs publics veulent "
    "accélérer l’accès aux données et l’évaluation des solutions.",
    lead="",
    body=BODY,
    tags=(
        "Diagnostic",
        "Industrie",
        "Intelligence Artificielle",
        "Laboratoires",
        "Ministère",
        "Stratégie",
    ),  # fmt: skip
    resources=(
        (
            "Contrat stratégique de la filière industries et technologies de santé (PDF)",
            f"{_DOCS}/contrat-strategique-de-filiere.pdf",
        ),
        (
            "Feuille de route du groupe de travail numérique et intelligence artificielle (PDF)",
            f"{_DOCS}/feuille-de-route-numerique-ia.pdf",
        ),
    ),
    # The full title would give a longer slug: this is the README's example address.
    slug="le-numerique-s-ancre",
    authors=("Aurélie Dureuil",),
)

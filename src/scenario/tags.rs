//! The tags (`etiquettes`) that the coverage report and the quality gate understand: the
//! certification blocks and the shared themes. Authors may add their own tags; these are the
//! ones a training centre compares across scenarios.

/// The three certification blocks of the Titre professionnel (SAMS 2017 wording; the 2025 title
/// keeps their scope).
pub const BLOCKS: [(&str, &str); 3] = [
    (
        "bloc-1",
        "Assister une équipe dans la communication des informations et l'organisation des activités",
    ),
    (
        "bloc-2",
        "Assurer l'accueil et la prise en charge administrative du patient",
    ),
    (
        "bloc-3",
        "Traiter les dossiers et coordonner les opérations liées au parcours du patient",
    ),
];

/// Shared theme tags, by family, with what they mean.
pub const THEMES: &[(&str, &str)] = &[
    // Urgences
    ("urgence-vitale", "urgence vitale (15, médecin sur place)"),
    ("urgence-deguisee", "urgence déguisée en demande banale"),
    (
        "urgence-relative",
        "urgence relative (créneau le jour même)",
    ),
    ("avc", "signes d'AVC (VITE)"),
    ("douleur-thoracique", "douleur thoracique"),
    ("risque-suicidaire", "risque suicidaire"),
    ("chute", "chute"),
    ("allergie", "réaction allergique"),
    ("nourrisson", "nourrisson"),
    // Confidentialité et identité
    ("secret-medical", "secret médical"),
    ("telephone-tiers", "un tiers au téléphone"),
    ("employeur", "demande d'un employeur"),
    ("proche", "demande d'un proche"),
    ("assureur", "demande d'un assureur ou d'une mutuelle"),
    ("salle-d-attente", "discrétion en salle d'attente"),
    ("ecran", "écran visible du public"),
    (
        "messagerie-securisee",
        "messagerie sécurisée de santé (MSSanté)",
    ),
    ("identitovigilance", "identitovigilance"),
    ("homonyme", "homonymes"),
    // Organisation et dossiers
    ("accueil", "accueil physique"),
    ("agenda", "agenda et rendez-vous"),
    ("transmission", "transmission au médecin ou à l'équipe"),
    ("classement", "classement"),
    ("preparation-examen", "préparation d'un examen"),
    ("facturation", "facturation, tiers payant, ALD"),
    ("terminologie", "terminologie médicale"),
    ("transcription", "transcription de compte rendu"),
    // Relation
    ("agressivite", "patient agressif ou en colère"),
    ("barriere-linguistique", "barrière de la langue"),
    ("handicap", "handicap"),
];

/// The confidentiality traps that every library must train more than once (BRIEF.md).
pub const CONFIDENTIALITY_TRAPS: [&str; 8] = [
    "employeur",
    "proche",
    "assureur",
    "salle-d-attente",
    "ecran",
    "messagerie-securisee",
    "identitovigilance",
    "homonyme",
];

/// Scenario-level difficulty tags, from first session to exam level.
pub const LEVELS: [&str; 3] = ["debutant", "intermediaire", "confirme"];

pub fn is_block(tag: &str) -> bool {
    BLOCKS.iter().any(|(id, _)| *id == tag)
}

pub fn theme_label(tag: &str) -> Option<&'static str> {
    THEMES.iter().find(|(id, _)| *id == tag).map(|(_, l)| *l)
}

/// The labels of `level`'s ranks.
pub const LEVEL_LABELS: [&str; 5] = ["Tutoriel", "Débutant", "Intermédiaire", "Confirmé", ""];

/// Where a scenario sits on the way from a first session to exam level (0 = the tutorial,
/// then beginner, intermediate, confirmed; 4 when it does not say), with its French label.
pub fn level(scenario_tags: &[String]) -> (u8, &'static str) {
    // « Confirmé » as an instructor types it counts as `confirme`.
    let has = |t: &str| scenario_tags.iter().any(|x| crate::text::normalise(x) == t);
    if has("tutoriel") {
        (0, "Tutoriel")
    } else if has("debutant") {
        (1, "Débutant")
    } else if has("intermediaire") {
        (2, "Intermédiaire")
    } else if has("confirme") {
        (3, "Confirmé")
    } else {
        (4, "")
    }
}

/// What the briefing announces: the certification blocks, then the themes in words, in the
/// vocabulary's order, then the scenario's own tags.
pub fn briefing_themes(scenario: &super::Scenario) -> Vec<String> {
    let used = |tag: &str| {
        scenario
            .situations
            .iter()
            .any(|s| s.tags.iter().any(|t| t == tag))
    };
    let blocks: Vec<&str> = BLOCKS
        .iter()
        .enumerate()
        .filter(|(_, (id, _))| used(id))
        .map(|(n, _)| ["1", "2", "3"][n])
        .collect();
    let mut out = Vec::new();
    if !blocks.is_empty() {
        out.push(format!("blocs de compétences {}", blocks.join(", ")));
    }
    out.extend(
        THEMES
            .iter()
            .filter(|(id, _)| used(id))
            .map(|(_, label)| label.to_string()),
    );
    let mut own: Vec<String> = scenario
        .situations
        .iter()
        .flat_map(|s| &s.tags)
        .filter(|t| !is_block(t) && theme_label(t).is_none())
        .map(|t| t.replace('-', " "))
        .collect();
    own.sort();
    own.dedup();
    out.extend(own);
    out
}

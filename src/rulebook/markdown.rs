//! `docs/regles-metier.md`, generated from the rulebook so that the two never disagree.

use super::Rulebook;
use std::fmt::Write;

pub fn markdown(book: &Rulebook) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Règles métier du secrétariat médical\n");
    let _ = writeln!(
        out,
        "Ce document est généré à partir de `assets/regles.ron` par `secretariat rules` : ne le modifiez pas à la main. \
Chaque explication d'un scénario cite ses règles par leur numéro (champ `regle`), et le débriefing affiche leur texte.\n"
    );
    let _ = writeln!(out, "## Les axes de la note\n");
    for def in &book.axes {
        let _ = writeln!(out, "### {}\n\n{}\n", def.title, def.description.trim());
        if !def.errors.is_empty() {
            let _ = writeln!(out, "Erreurs comptées sur cet axe :\n");
            for e in &def.errors {
                let _ = writeln!(out, "- {}", e.trim());
            }
            let _ = writeln!(out);
        }
    }
    let _ = writeln!(out, "## Sommaire\n");
    for section in &book.sections {
        let first = section.rules.first().map_or("", |r| r.id.as_str());
        let last = section.rules.last().map_or("", |r| r.id.as_str());
        let _ = writeln!(out, "- {} ({first} à {last})", section.title);
    }
    let _ = writeln!(out);
    for section in &book.sections {
        let _ = writeln!(out, "## {}\n", section.title);
        for rule in &section.rules {
            let _ = writeln!(out, "### {} — {}\n", rule.id, rule.title.trim());
            let _ = writeln!(out, "{}\n", rule.text.trim());
            let _ = writeln!(
                out,
                "*Axe : {}.* Source : {}\n",
                rule.axis.label(),
                rule.source.trim()
            );
        }
    }
    if !book.flags.is_empty() {
        let _ = writeln!(out, "## Drapeaux rouges\n");
        let _ = writeln!(
            out,
            "`secretariat check` avertit quand le texte d'une situation porte l'un de ces signes alors que son urgence n'est pas `Vitale`. \
Un auteur écarte un avertissement pour une situation avec `drapeaux_ecartes: {{\"id\": \"raison\"}}`.\n"
        );
        let _ = writeln!(out, "| drapeau | règle | exemples d'expressions |");
        let _ = writeln!(out, "| --- | --- | --- |");
        for flag in &book.flags {
            let mut examples: Vec<String> = flag
                .expressions
                .iter()
                .map(|e| format!("« {e} »"))
                .collect();
            examples.extend(
                flag.groups
                    .iter()
                    .map(|g| format!("« {} » ensemble", g.join(" » + « "))),
            );
            let _ = writeln!(
                out,
                "| {} (`{}`) | {} | {} |",
                flag.label,
                flag.id,
                flag.rule,
                examples.join(", ")
            );
        }
    }
    out.trim_end().to_string() + "\n"
}

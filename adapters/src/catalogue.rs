//! The message catalogue: every text a person reads, in every language the product speaks,
//! from Fluent files in `adapters/locales/<language>/*.ftl`, embedded in the binary. Adding a
//! language is adding one folder; its `meta.ftl` names the language in itself
//! (`language-name`) and the CLDR locale its dates and numbers are formatted in
//! (`language-locale`).
//!
//! Templates look messages up with `{{ t(key="...", name=...) }}` in the language of the
//! context's `lang` (see [`register`]).

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{LazyLock, OnceLock};

use domain::{Language, Role, User};
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader};

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // No Unicode isolation marks around arguments: names and times are read as typed.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// The language every message exists in, and the last resort of every lookup.
pub const SOURCE_LANGUAGE: &str = "en";

/// Arguments of a message, by the names the `.ftl` files use.
pub type Args = HashMap<Cow<'static, str>, FluentValue<'static>>;

/// The languages of the catalogue, sorted by tag.
static LANGUAGES: LazyLock<Vec<Language>> = LazyLock::new(|| {
    let mut languages: Vec<Language> = LOCALES
        .locales()
        .filter_map(|id| Language::parse(&id.to_string()).ok())
        .collect();
    languages.sort();
    languages
});

/// The marketplace's language (`i18n.default_language`), set once at start-up.
static DEFAULT: OnceLock<Language> = OnceLock::new();

/// Makes `language` the marketplace's default: what mails, calendar entries and pages use for
/// someone who chose no language (and whose browser asks for none the catalogue has).
/// Only the first call counts; a language the catalogue lacks leaves the source language.
pub fn set_default_language(language: &Language) {
    if speaks(language) {
        let _ = DEFAULT.set(language.clone());
    }
}

/// The marketplace's default language ([`set_default_language`], else the source language).
pub fn default_language() -> Language {
    DEFAULT.get().cloned().unwrap_or_else(source_language)
}

/// The language `user` reads mails and calendar entries in: their choice when the catalogue
/// has it, else the default.
pub fn language_of(user: &User) -> Language {
    user.language
        .clone()
        .filter(speaks)
        .unwrap_or_else(default_language)
}

/// How readers of `language` see `user` named: their name, or for an erased account its
/// pseudonym in `language` (the stored pseudonym is the source language's).
pub fn name_of(language: &Language, user: &User) -> String {
    if user.is_erased() {
        erased_name(language, user.role)
    } else {
        user.name.as_str().to_owned()
    }
}

/// The pseudonym of an erased account of `role` in `language`.
pub fn erased_name(language: &Language, role: Role) -> String {
    let key = match role {
        Role::Customer => "person-erased-customer",
        Role::Provider => "person-erased-provider",
        Role::Admin | Role::Support => "person-erased-staff",
    };
    text(language, key)
}

/// Every language the catalogue has, sorted by tag.
pub fn languages() -> &'static [Language] {
    &LANGUAGES
}

/// Whether the catalogue has `language`.
pub fn speaks(language: &Language) -> bool {
    LANGUAGES.contains(language)
}

/// The first language of an `Accept-Language` header the catalogue has, if any.
pub fn negotiate(accept_language: &str) -> Option<Language> {
    fluent_langneg::accepted_languages::parse(accept_language)
        .into_iter()
        .filter_map(|id| Language::parse(id.language.as_str()).ok())
        .find(speaks)
}

/// The message `key` in `language` (English where that language lacks it).
///
/// # Panics
/// When no language has `key`: a message id is a constant of the code, so that is a bug
/// which the catalogue tests catch.
pub fn text(language: &Language, key: &str) -> String {
    lookup(language, key, None).unwrap_or_else(|| panic!("no message {key:?} in the catalogue"))
}

/// One argument of a message: its name in the `.ftl` files and its value.
pub type Arg = (&'static str, FluentValue<'static>);

/// The message `key` in `language` with `args` (numbers choose plural forms).
///
/// # Panics
/// As [`text`].
pub fn text_with<const N: usize>(language: &Language, key: &str, args: [Arg; N]) -> String {
    let args: Args = args
        .into_iter()
        .map(|(name, value)| (Cow::Borrowed(name), value))
        .collect();
    lookup(language, key, Some(&args))
        .unwrap_or_else(|| panic!("no message {key:?} in the catalogue"))
}

/// The message `key` in `language`, if some language has it.
pub fn lookup(language: &Language, key: &str, args: Option<&Args>) -> Option<String> {
    LOCALES.try_lookup_complete(&identifier(language), key, args)
}

/// How `language` calls itself (`Deutsch`).
pub fn name(language: &Language) -> String {
    text(language, "language-name")
}

/// A language of the catalogue with the name it calls itself, as switchers list it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct NamedLanguage {
    /// The tag (`de`).
    pub tag: String,
    /// The name (`Deutsch`).
    pub name: String,
}

static NAMED: LazyLock<Vec<NamedLanguage>> = LazyLock::new(|| {
    LANGUAGES
        .iter()
        .map(|language| NamedLanguage {
            tag: language.as_str().to_owned(),
            name: name(language),
        })
        .collect()
});

/// Every language of the catalogue with its own name, sorted by tag.
pub fn named_languages() -> &'static [NamedLanguage] {
    &NAMED
}

fn identifier(language: &Language) -> LanguageIdentifier {
    language.as_str().parse().unwrap_or_default()
}

/// Registers `t(key=..., arg=...)` on `tera`: the message in the language named by the
/// context's `lang` (the source language when there is none), with the other arguments.
/// An unknown key fails the rendering.
pub fn register(tera: &mut tera::Tera) {
    tera.register_function("t", translate);
}

#[allow(
    clippy::needless_pass_by_value,
    reason = "the signature of a tera function"
)]
fn translate(kwargs: tera::Kwargs, state: &tera::State) -> tera::TeraResult<tera::Value> {
    let lang = state.get::<String>("lang")?;
    let language = lang
        .as_deref()
        .and_then(|tag| Language::parse(tag).ok())
        .unwrap_or_else(source_language);
    let key: &str = kwargs.must_get("key")?;
    let mut args = Args::new();
    for (name, value) in kwargs.iter() {
        let Some(name) = name.as_str().filter(|n| *n != "key") else {
            continue;
        };
        args.insert(Cow::Owned(name.to_owned()), fluent_value(value));
    }
    lookup(&language, key, Some(&args))
        .map(tera::Value::from)
        .ok_or_else(|| {
            tera::Error::message(if has_message(key) {
                format!("message {key:?}: an argument is missing or of the wrong kind")
            } else {
                format!("no message {key:?} in the catalogue")
            })
        })
}

/// Whether the source language has the message `key` (whatever arguments it needs).
pub fn has_message(key: &str) -> bool {
    // The loader's error type is private; its variant's name tells "no such message" from
    // "an argument is missing".
    LOCALES
        .lookup_single_language::<&str>(&identifier(&source_language()), key, None)
        .map_or_else(
            |e| !format!("{e:?}").starts_with("MessageRetrieval"),
            |_| true,
        )
}

/// Numbers stay numbers (they choose plural forms); everything else is its text.
fn fluent_value(value: &tera::Value) -> FluentValue<'static> {
    if let Some(n) = value.as_i64() {
        FluentValue::from(n)
    } else if let Some(n) = value.as_f64() {
        FluentValue::from(n)
    } else if let Some(s) = value.as_str() {
        FluentValue::from(s.to_owned())
    } else if value.is_none() || value.is_undefined() {
        FluentValue::from("")
    } else {
        FluentValue::from(value.to_string())
    }
}

/// The source language as a value.
#[allow(
    clippy::expect_used,
    clippy::missing_panics_doc,
    reason = "a constant two-letter tag"
)]
pub fn source_language() -> Language {
    Language::parse(SOURCE_LANGUAGE).expect("a valid tag")
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};
    use std::path::Path;

    use fluent_syntax::ast::{
        Entry, Expression, InlineExpression, Pattern, PatternElement, Resource,
    };

    use super::*;

    /// Each message of a language with the variables it uses.
    type Messages = BTreeMap<String, BTreeSet<String>>;

    fn messages_of(language: &str) -> Messages {
        let folder = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("locales")
            .join(language);
        let mut messages = Messages::new();
        for file in std::fs::read_dir(&folder).unwrap() {
            let path = file.unwrap().path();
            let source = std::fs::read_to_string(&path).unwrap();
            let resource: Resource<&str> = fluent_syntax::parser::parse(source.as_str())
                .unwrap_or_else(|(_, errors)| panic!("{}: {errors:?}", path.display()));
            for entry in resource.body {
                if let Entry::Message(message) = entry {
                    let mut variables = BTreeSet::new();
                    if let Some(value) = &message.value {
                        variables_in(value, &mut variables);
                    }
                    // Arguments a message may use without the English one needing them are
                    // named in its comment (`# $count: how many calendars`).
                    for line in message.comment.iter().flat_map(|c| c.content.iter()) {
                        variables.extend(
                            line.split_whitespace()
                                .filter_map(|word| word.strip_prefix('$'))
                                .map(|name| name.trim_end_matches([':', ',', '.', ')']).to_owned()),
                        );
                    }
                    let id = message.id.name.to_owned();
                    assert!(
                        messages.insert(id.clone(), variables).is_none(),
                        "{language}: {id} is defined twice"
                    );
                }
            }
        }
        messages
    }

    fn variables_in(pattern: &Pattern<&str>, found: &mut BTreeSet<String>) {
        for element in &pattern.elements {
            if let PatternElement::Placeable { expression } = element {
                expression_variables(expression, found);
            }
        }
    }

    fn expression_variables(expression: &Expression<&str>, found: &mut BTreeSet<String>) {
        match expression {
            Expression::Select { selector, variants } => {
                inline_variables(selector, found);
                for variant in variants {
                    variables_in(&variant.value, found);
                }
            }
            Expression::Inline(inline) => inline_variables(inline, found),
        }
    }

    fn inline_variables(inline: &InlineExpression<&str>, found: &mut BTreeSet<String>) {
        match inline {
            InlineExpression::VariableReference { id } => {
                found.insert(id.name.to_owned());
            }
            InlineExpression::Placeable { expression } => expression_variables(expression, found),
            _ => {}
        }
    }

    #[test]
    fn the_catalogue_speaks_english_german_french_and_spanish() {
        let tags: Vec<&str> = languages().iter().map(Language::as_str).collect();
        assert_eq!(tags, ["de", "en", "es", "fr"]);
        let names: Vec<String> = languages().iter().map(name).collect();
        assert_eq!(names, ["Deutsch", "English", "Español", "Français"]);
    }

    #[test]
    fn every_language_has_every_message_and_only_the_source_s_variables() {
        let source = messages_of(SOURCE_LANGUAGE);
        assert!(source.len() > 900, "{} messages", source.len());
        for language in languages() {
            let messages = messages_of(language.as_str());
            let missing: Vec<&String> = source
                .keys()
                .filter(|k| !messages.contains_key(*k))
                .collect();
            let extra: Vec<&String> = messages
                .keys()
                .filter(|k| !source.contains_key(*k))
                .collect();
            assert!(missing.is_empty(), "{language} lacks {missing:?}");
            assert!(extra.is_empty(), "{language} has unknown {extra:?}");
            let unknown: Vec<String> = messages
                .iter()
                .filter_map(|(id, variables)| {
                    let unknown: Vec<&String> = variables.difference(&source[id]).collect();
                    (!unknown.is_empty()).then(|| format!("{id}: {unknown:?}"))
                })
                .collect();
            assert!(
                unknown.is_empty(),
                "{language} uses unknown variables: {unknown:#?}"
            );
        }
    }

    #[test]
    fn a_message_is_looked_up_in_the_language_with_its_arguments() {
        let de = Language::parse("de").unwrap();
        let args = [
            ("service", FluentValue::from("Haarschnitt")),
            ("name", FluentValue::from("Ann")),
        ];
        assert_eq!(
            text_with(&de, "calendar-title", args),
            "Haarschnitt mit Ann"
        );
        assert_eq!(lookup(&de, "no-such-message", None), None);
    }

    #[test]
    fn accept_language_picks_the_first_language_spoken() {
        assert_eq!(
            negotiate("pt-BR, fr-CH;q=0.9, en;q=0.8").unwrap().as_str(),
            "fr"
        );
        assert_eq!(negotiate("pt, ja"), None);
        assert_eq!(negotiate(""), None);
    }

    #[test]
    fn a_user_reads_their_own_language_or_the_default() {
        let mut user = User::new_account(
            domain::UserId::from_uuid(uuid::Uuid::nil()),
            domain::Email::parse("ann@example.org").unwrap(),
            domain::PersonName::parse("Ann").unwrap(),
            domain::Role::Customer,
            domain::Zone::parse("UTC").unwrap(),
            chrono::DateTime::UNIX_EPOCH,
        );
        user.language = Some(Language::parse("es").unwrap());
        assert_eq!(language_of(&user).as_str(), "es");
        user.language = Some(Language::parse("pt").unwrap());
        assert_eq!(language_of(&user), default_language());
        user.language = None;
        assert_eq!(language_of(&user), default_language());
    }
}

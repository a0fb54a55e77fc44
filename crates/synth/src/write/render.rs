//! How the plan's people read in the export: names, email addresses (with their planted
//! variants) and phone numbers, and owners by name.

use crate::data::{self, FREE_MAIL, NAME_ONLY_NAMES, NO_OWNER, OWNERS, SR_JR_NAMES};
use crate::phone;
use crate::plan::{self, Form, Mail, NameKind, Person, QuarterPlan};

/// Renders people, companies and records to their exported values.
pub(crate) struct Render<'a> {
    pub(crate) plan: &'a QuarterPlan,
}

impl Render<'_> {
    /// First and last name as the person's main record writes them.
    pub(crate) fn name(&self, p: &Person) -> (String, String) {
        match p.name {
            NameKind::Regular => {
                let (f, l) = plan::regular_name(p.country, p.k);
                (f.to_owned(), l.to_owned())
            }
            NameKind::SrJr { pair, jr } => {
                let (f, l) = SR_JR_NAMES[pair as usize];
                (
                    f.to_owned(),
                    format!("{l} {}", if jr { "Jr." } else { "Sr." }),
                )
            }
            NameKind::NameOnly { pair } => {
                let (f, l) = NAME_ONLY_NAMES[pair as usize];
                (f.to_owned(), l.to_owned())
            }
        }
    }

    /// First and last name in email form.
    fn mail_names(&self, p: &Person) -> (String, String) {
        let (f, l) = match p.name {
            NameKind::Regular => {
                let (f, l) = plan::regular_name(p.country, p.k);
                (f, l)
            }
            NameKind::SrJr { pair, .. } => SR_JR_NAMES[pair as usize],
            NameKind::NameOnly { pair } => NAME_ONLY_NAMES[pair as usize],
        };
        (data::email_part(f), data::email_part(l))
    }

    /// A personal free-mail address of the person at `provider`.
    fn free_address(&self, p: &Person, provider: usize, style: u8) -> String {
        let (f, l) = self.mail_names(p);
        let num = p.global + 11;
        let local = match style {
            0 => format!("{f}.{l}{num}"),
            1 => format!("{f}{l}{num}"),
            _ => format!("{}{l}{num}", &f[..1]),
        };
        format!("{local}@{}", FREE_MAIL[provider])
    }

    /// The person's usual address.
    pub(crate) fn canonical_email(&self, p: &Person) -> String {
        let company = &self.plan.companies[p.company as usize];
        match p.mail {
            Mail::Free(i) => self.free_address(p, i as usize, p.free_style),
            Mail::Corporate => {
                let (f, l) = self.mail_names(p);
                let local = match p.name {
                    NameKind::SrJr { jr: false, .. } => format!("{f}.{l}"),
                    NameKind::SrJr { jr: true, .. } => format!("{f}.{l}.jr"),
                    _ => match company.pattern {
                        0 => format!("{f}.{l}"),
                        1 => format!("{}{l}", &f[..1]),
                        2 => f,
                        _ => format!("{f}_{l}"),
                    },
                };
                format!("{local}@{}", company.domain)
            }
        }
    }

    /// The address a record of the person carries.
    pub(crate) fn email(&self, p: &Person, form: Form) -> String {
        let canonical = self.canonical_email(p);
        match form {
            Form::Primary => canonical,
            Form::EmailCase => capitalise_email(&canonical),
            Form::GmailVariant => {
                let (local, _) = canonical.split_once('@').expect("an address");
                let undotted = local.replace('.', "");
                match p.gmail_rule {
                    0 => format!("{undotted}@gmail.com"),
                    1 => format!("{local}@googlemail.com"),
                    _ => format!("{undotted}@googlemail.com"),
                }
            }
            Form::PlusTag => {
                const TAGS: [&str; 6] =
                    ["webinar", "newsletter", "trial", "events", "demo", "promo"];
                let (local, domain) = canonical.split_once('@').expect("an address");
                format!("{local}+{}@{domain}", TAGS[(p.global % 6) as usize])
            }
            Form::PhoneOnly => String::new(),
            Form::AltEmail => {
                if p.alt_personal {
                    self.free_address(p, if p.global.is_multiple_of(2) { 1 } else { 3 }, 0)
                } else {
                    let company = &self.plan.companies[p.company as usize];
                    let (f, l) = self.mail_names(p);
                    if company.pattern == 0 {
                        format!("{}{l}@{}", &f[..1], company.domain)
                    } else {
                        format!("{f}.{l}@{}", company.domain)
                    }
                }
            }
        }
    }

    pub(crate) fn phone(&self, p: &Person, form: Form) -> String {
        let Some(k) = p.phone else {
            return String::new();
        };
        let idx = plan::phone_index(p.country, k);
        let style = if form == Form::PhoneOnly {
            u32::from(p.phone_style) + 1
        } else {
            u32::from(p.phone_style)
        };
        phone::format(p.country, idx, style)
    }
}

/// `jane.doe@acme.com` → `Jane.Doe@Acme.com`.
fn capitalise_email(addr: &str) -> String {
    let (local, domain) = addr.split_once('@').expect("an address");
    let mut out = String::with_capacity(addr.len());
    let mut start = true;
    for c in local.chars() {
        if start && c.is_ascii_alphabetic() {
            out.push(c.to_ascii_uppercase());
        } else {
            out.push(c);
        }
        start = matches!(c, '.' | '_' | '-');
    }
    out.push('@');
    let mut first = domain.chars();
    if let Some(c) = first.next() {
        out.push(c.to_ascii_uppercase());
    }
    out.push_str(first.as_str());
    out
}

pub(super) fn owner_name(o: u8) -> &'static str {
    if o == NO_OWNER {
        ""
    } else {
        OWNERS[o as usize].name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitalised_emails_differ_only_in_case() {
        let a = "jane.doe@acmelogistics.com";
        let b = capitalise_email(a);
        assert_eq!(b, "Jane.Doe@Acmelogistics.com");
        assert_eq!(b.to_lowercase(), a);
    }
}

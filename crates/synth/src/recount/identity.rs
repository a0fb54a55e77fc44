//! Which kind of duplicate a person's records are: the email normal forms (Gmail dots and
//! `googlemail.com`, `+tags`) that tell the kinds apart.

use std::collections::HashMap;

use super::quarter::Contact;

/// Lower case, `googlemail.com` as `gmail.com`, and for Gmail no dots in the local part.
fn gmail_normal(email: &str) -> String {
    let e = email.to_lowercase();
    let Some((local, domain)) = e.split_once('@') else {
        return e;
    };
    let domain = if domain == "googlemail.com" {
        "gmail.com"
    } else {
        domain
    };
    if domain == "gmail.com" {
        format!("{}@{domain}", local.replace('.', ""))
    } else {
        format!("{local}@{domain}")
    }
}

/// Lower case, `+tag` removed.
fn plus_normal(email: &str) -> String {
    let e = email.to_lowercase();
    match e.split_once('@') {
        Some((local, domain)) => {
            let local = local.split('+').next().unwrap_or(local);
            format!("{local}@{domain}")
        }
        None => e,
    }
}

/// How the records of one person's cluster differ.
pub(super) fn cluster_kind(ids: &[u64], contacts: &HashMap<u64, Contact>) -> String {
    if ids.len() >= 3 {
        return "triple".into();
    }
    let (a, b) = (&contacts[&ids[0]].email, &contacts[&ids[1]].email);
    let kind = if a.is_empty() || b.is_empty() {
        "phone_format"
    } else if a != b && a.to_lowercase() == b.to_lowercase() {
        "email_case"
    } else if plus_normal(a) == plus_normal(b) {
        "plus_tag"
    } else if gmail_normal(a) == gmail_normal(b) {
        "gmail"
    } else {
        "two_emails"
    };
    kind.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_normalisation() {
        assert_eq!(
            gmail_normal("Jane.Doe1@GoogleMail.com"),
            "janedoe1@gmail.com"
        );
        assert_eq!(plus_normal("jane+x@acme.com"), "jane@acme.com");
    }
}

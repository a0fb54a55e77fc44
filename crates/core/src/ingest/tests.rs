use super::*;

#[test]
fn outcome_labels() {
    for won in [
        "Closed Won",
        "closedwon",
        "Won",
        "won",
        "Won ",
        "6 - Closed Won",
    ] {
        assert_eq!(outcome_of_label(won), "won", "{won}");
    }
    for lost in ["Closed Lost", "closedlost", "Lost", "Closed-Lost"] {
        assert_eq!(outcome_of_label(lost), "lost", "{lost}");
    }
    for open in [
        "Engaging",
        "Prospecting",
        "Qualified To Buy",
        "Contract Sent",
    ] {
        assert_eq!(outcome_of_label(open), "open", "{open}");
    }
}

mod load_tests {
    use super::*;

    fn load_one(
        name: &str,
        bytes: &[u8],
        mapping: Option<&str>,
        tz: &str,
    ) -> Result<Import, IngestError> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let mapping = mapping.map(|m| Mapping::parse(m, Path::new("m.toml")).unwrap());
        load(
            &[path],
            &mut Options {
                timezone: tz.into(),
                mapping: mapping.as_ref(),
                progress: None,
                strict: false,
            },
        )
    }

    fn strings(df: &DataFrame, column: &str) -> Vec<Option<String>> {
        let c = df.column(column).unwrap();
        let s = if matches!(c.dtype(), DataType::Datetime(_, _)) {
            df.clone()
                .lazy()
                .select([col(column).dt().to_string("%Y-%m-%d %H:%M:%S UTC")])
                .collect()
                .unwrap()
                .column(column)
                .unwrap()
                .clone()
        } else {
            c.cast(&DataType::String).unwrap()
        };
        s.str()
            .unwrap()
            .iter()
            .map(|v| v.map(str::to_owned))
            .collect()
    }

    fn some(v: &[&str]) -> Vec<Option<String>> {
        v.iter().map(|s| Some((*s).to_owned())).collect()
    }

    #[test]
    fn hubspot_contacts_become_canonical_leads() {
        let csv = "Record ID,First Name,Last Name,Email,Contact owner,Lifecycle Stage,Create Date,Number of Employees,HubSpot Score\n\
                   101,Ann,Lee,ann@acme.com,Dana Cruz,Marketing Qualified Lead,2026-04-01 09:14,51-200,42\n\
                   102,Bo,Kim, ,Dana Cruz,Lead,2026-07-01 17:30,\"1,200\",\n";
        let import = load_one("contacts.csv", csv.as_bytes(), None, "America/New_York").unwrap();
        let report = &import.inspection.files[0];
        assert_eq!(
            (report.kind, report.source),
            (Some(Kind::Leads), Source::Hubspot)
        );
        let leads = import.tables.leads.unwrap();
        assert_eq!(leads.height(), 2);
        let names: Vec<&str> = leads
            .get_column_names()
            .iter()
            .map(|s| s.as_str())
            .collect();
        let mut expected: Vec<&str> = Kind::Leads.fields().iter().map(|f| f.name).collect();
        expected.extend(["_line", "_file", "_source"]);
        assert_eq!(names, expected);
        assert_eq!(strings(&leads, "_source"), some(&["hubspot", "hubspot"]));
        assert_eq!(strings(&leads, "id"), some(&["101", "102"]));
        assert_eq!(
            strings(&leads, "email"),
            [Some("ann@acme.com".into()), None]
        );
        // New York local time, stored in UTC (EDT is UTC-4).
        assert_eq!(
            strings(&leads, "created_at"),
            some(&["2026-04-01 13:14:00 UTC", "2026-07-01 21:30:00 UTC"])
        );
        assert_eq!(strings(&leads, "employees"), some(&["125.5", "1200.0"]));
        assert_eq!(strings(&leads, "score"), [Some("42.0".into()), None]);
        assert_eq!(strings(&leads, "_line"), some(&["2", "3"]));
        assert_eq!(
            strings(&leads, "_file"),
            some(&["contacts.csv", "contacts.csv"])
        );
    }

    #[test]
    fn salesforce_report_with_bom_crlf_footer_and_us_dates() {
        let csv = "\u{feff}\"Opportunity ID\",\"Opportunity Owner\",\"Account Name\",\"Stage\",\"Amount\",\"Close Date\",\"Created Date\",\"Won\",\"Closed\"\r\n\
                   \"0061\",\"Ann Lee\",\"Acme\",\"Closed Won\",\"$12,500.00\",\"7/14/2026\",\"6/2/2026 2:30 PM\",\"1\",\"1\"\r\n\
                   \"0062\",\"Bo Kim\",\"Beta\",\"Negotiation\",\"\",\"8/31/2026\",\"6/20/2026 9:05 AM\",\"0\",\"0\"\r\n\
                   \"0063\",\"Bo Kim\",\"Gamma\",\"Closed Lost\",\"900\",\"7/1/2026\",\"6/21/2026 11:45 PM\",\"0\",\"1\"\r\n\
                   \r\n\"Grand Totals (3 records)\"\r\n\"Confidential Information - Do Not Distribute\"\r\n\"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved.\"\r\n";
        let import = load_one("opps.csv", csv.as_bytes(), None, "UTC").unwrap();
        let report = &import.inspection.files[0];
        assert_eq!(
            (report.kind, report.source),
            (Some(Kind::Deals), Source::Salesforce)
        );
        assert_eq!(report.rows, 3);
        assert!(
            report.warnings[0].starts_with("dropped 3 report footer line(s)"),
            "{:?}",
            report.warnings
        );
        let deals = import.tables.deals.unwrap();
        assert_eq!(strings(&deals, "outcome"), some(&["won", "open", "lost"]));
        assert_eq!(
            strings(&deals, "amount"),
            [Some("12500.0".into()), None, Some("900.0".into())]
        );
        assert_eq!(
            strings(&deals, "close_date"),
            some(&["2026-07-14", "2026-08-31", "2026-07-01"])
        );
        assert_eq!(
            strings(&deals, "created_at"),
            some(&[
                "2026-06-02 14:30:00 UTC",
                "2026-06-20 09:05:00 UTC",
                "2026-06-21 23:45:00 UTC"
            ])
        );
    }

    #[test]
    fn pipedrive_status_and_european_semicolons_in_windows_1252() {
        let csv = "Deal - ID;Deal - Title;Deal - Value;Deal - Status;Deal - Owner;Deal - Deal created;Deal - Lost reason\n\
                   7;Müller GmbH;1.234,50;won;Zoë;14.03.2026;\n\
                   8;Öko AG;99,9;lost;Zoë;15.03.2026;Preis\n\
                   9;Café;;open;Jörg;16.03.2026;\n";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(csv);
        let import = load_one("deals.csv", &bytes, None, "Europe/Berlin").unwrap();
        let report = &import.inspection.files[0];
        assert_eq!(report.encoding, "Windows-1252");
        assert_eq!(report.delimiter, ";");
        assert_eq!(
            (report.kind, report.source),
            (Some(Kind::Deals), Source::Pipedrive)
        );
        let deals = import.tables.deals.unwrap();
        assert_eq!(strings(&deals, "outcome"), some(&["won", "lost", "open"]));
        assert_eq!(
            strings(&deals, "amount"),
            [Some("1234.5".into()), Some("99.9".into()), None]
        );
        assert_eq!(strings(&deals, "owner"), some(&["Zoë", "Zoë", "Jörg"]));
        assert_eq!(
            strings(&deals, "close_reason"),
            [None, Some("Preis".into()), None]
        );
        // Midnight in Berlin (UTC+1 in March) is 23:00 the day before in UTC.
        assert_eq!(
            strings(&deals, "created_at")[0].as_deref(),
            Some("2026-03-13 23:00:00 UTC")
        );
    }

    #[test]
    fn utf16_tab_separated_activities() {
        let mut bytes = vec![0xFF, 0xFE];
        let text = "Activity ID\tAssociated Contact ID\tActivity Date\tActivity Type\tDirection\n\
                    A1\t101\t2026-04-01T13:20:00Z\tCALL\tOutbound\n\
                    A2\t101\t2026-04-01T14:00:00Z\tPAGE_VIEW\tInbound\n";
        for u in text.encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let import = load_one("engagements.csv", &bytes, None, "Asia/Tokyo").unwrap();
        let acts = import.tables.activities.unwrap();
        assert_eq!(strings(&acts, "record_id"), some(&["101", "101"]));
        assert_eq!(
            strings(&acts, "timestamp"),
            some(&["2026-04-01 13:20:00 UTC", "2026-04-01 14:00:00 UTC"])
        );
    }

    #[test]
    fn the_mapping_file_corrects_kind_columns_formats_values_and_constants() {
        let csv = "mql_id,first_contact_date,rep,stage_label\nM1,03-04-2026,Ann,Won it\nM2,01-02-2026,Bo,Nope\n";
        // Without a mapping the dates are ambiguous and the file is not an export.
        let mapping = r#"
timezone = "UTC"
[[file]]
path = "mql.csv"
kind = "deals"
[file.columns]
id = "mql_id"
created_at = "first_contact_date"
owner = "rep"
stage = "stage_label"
[file.date_formats]
first_contact_date = "%d-%m-%Y"
[file.values.outcome]
"Won it" = "won"
"Nope" = "lost"
[file.constants]
company = "Acme"
"#;
        let import = load_one("mql.csv", csv.as_bytes(), Some(mapping), "Europe/Paris").unwrap();
        let report = &import.inspection.files[0];
        assert_eq!(import.inspection.timezone, "UTC");
        assert_eq!(report.values["outcome"]["Won it"], "won");
        let deals = import.tables.deals.unwrap();
        assert_eq!(strings(&deals, "outcome"), some(&["won", "lost"]));
        assert_eq!(strings(&deals, "company"), some(&["Acme", "Acme"]));
        assert_eq!(
            strings(&deals, "created_at"),
            some(&["2026-04-03 00:00:00 UTC", "2026-02-01 00:00:00 UTC"])
        );
    }

    #[test]
    fn value_maps_apply_to_every_field_that_has_one_and_their_targets_are_checked() {
        let csv = "Record ID,Create Date,Converted,Employees,Lead Status\n\
                   1,2026-04-01 09:00,Ja,a few,Neu\n\
                   2,2026-04-02 09:00,Nein,lots,Offen\n\
                   3,2026-04-03 09:00,,12,Neu\n";
        let mapping = r#"
[[file]]
path = "leads.csv"
kind = "leads"
[file.values.converted]
"Ja" = "yes"
"Nein" = "false"
[file.values.employees]
"a few" = "3"
"lots" = "1000"
[file.values.status]
"Neu" = "new"
"#;
        let import = load_one("leads.csv", csv.as_bytes(), Some(mapping), "UTC").unwrap();
        let leads = import.tables.leads.unwrap();
        assert_eq!(
            strings(&leads, "converted"),
            [Some("true".into()), Some("false".into()), None]
        );
        assert_eq!(
            strings(&leads, "employees"),
            some(&["3.0", "1000.0", "12.0"])
        );
        assert_eq!(strings(&leads, "status"), some(&["new", "Offen", "new"]));

        // A target the field cannot hold: the mapping file, its line, the entry, the
        // field, the value and what is allowed.
        let refused = |field: &str, kind: &str, pair: &str| {
            let text = format!(
                "[[file]]\npath = \"x.csv\"\nkind = \"{kind}\"\n[file.values.{field}]\n{pair}\n"
            );
            Mapping::parse(&text, Path::new("m.toml"))
                .unwrap_err()
                .to_string()
        };
        assert_eq!(
            refused("converted", "leads", "\"Ja\" = \"vielleicht\""),
            "m.toml: line 5: [[file]] number 1 (path = \"x.csv\"): [file.values.converted] maps \"Ja\" to \"vielleicht\", which converted cannot hold; it is a yes/no field: use true or false (or yes or no)"
        );
        assert_eq!(
            refused("employees", "accounts", "\"lots\" = \"many\""),
            "m.toml: line 5: [[file]] number 1 (path = \"x.csv\"): [file.values.employees] maps \"lots\" to \"many\", which employees cannot hold; it is a number field: use a number such as 12 or 1500.5"
        );
        assert!(
            refused("close_date", "deals", "\"soon\" = \"2026-01-01\"")
                .contains("[file.values.close_date] maps \"soon\" to \"2026-01-01\", which close_date cannot hold; it is a date field, whose values are not mapped one by one: say how its dates are written in [file.date_formats], or set it with [file.constants]")
        );
        assert!(
            refused("direction", "activities", "\"Rein\" = \"in\"")
                .ends_with("[file.values.direction] maps \"Rein\" to \"in\", which direction cannot hold; use inbound or outbound")
        );
        assert!(
            refused("outcome", "deals", "\"Signed\" = \"yes\"")
                .ends_with("which outcome cannot hold; use open, won or lost")
        );
        // With no kind set, the field's type in the kinds that have it.
        let text = "[[file]]\npath = \"x.csv\"\n[file.values.active]\n\"Ja\" = \"maybe\"\n";
        let e = Mapping::parse(text, Path::new("m.toml"))
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("m.toml: line 4: [[file]] number 1"), "{e}");
        assert!(e.contains("it is a yes/no field"), "{e}");
        // Free text takes any label.
        assert!(Mapping::parse(
            "[[file]]\npath = \"x.csv\"\nkind = \"leads\"\n[file.values.source]\n\"fb\" = \"Facebook Ads\"\n",
            Path::new("m.toml")
        )
        .is_ok());
    }

    #[test]
    fn a_file_without_a_header_is_read_from_its_first_record_byte_order_mark_and_all() {
        let csv = "\u{feff}101,a@x.com,2026-04-01 09:00\n102,b@x.com,2026-04-02 09:30\n103,c@x.com,2026-04-03 10:00\n";
        let mapping = r#"
[[file]]
path = "leads.csv"
kind = "leads"
[file.columns]
id = "column 1"
email = "column 2"
created_at = "column 3"
"#;
        let import = load_one("leads.csv", csv.as_bytes(), Some(mapping), "UTC").unwrap();
        let report = &import.inspection.files[0];
        assert_eq!(report.rows, 3);
        assert!(report.warnings[0].starts_with("line 1 holds data, not a header"));
        let leads = import.tables.leads.unwrap();
        assert_eq!(strings(&leads, "id"), some(&["101", "102", "103"]));
        assert_eq!(strings(&leads, "_line"), some(&["1", "2", "3"]));
        assert_eq!(
            strings(&leads, "created_at")[0].as_deref(),
            Some("2026-04-01 09:00:00 UTC")
        );
    }

    #[test]
    fn constants_of_every_type_are_read_with_their_field_type() {
        let mut csv = String::from("Record ID,Email,Create Date\n");
        for i in 0..2500 {
            csv.push_str(&format!("{i},u{i}@x.com,{:02}/04/2026 09:00\n", 1 + i % 28));
        }
        let mapping = r#"
[[file]]
path = "leads.csv"
[file.constants]
converted_at = "14/04/2026 10:30"
first_touch_at = "2026-04-02T08:00:00Z"
employees = "1,200"
converted = "yes"
country = "DE"
email = "all@x.com"
"#;
        let import = load_one("leads.csv", csv.as_bytes(), Some(mapping), "UTC").unwrap();
        assert_eq!(
            import.inspection.files[0].warnings,
            [
                "the mapping's constant email = \"all@x.com\" is used in place of the column \"Email\""
            ]
        );
        let leads = import.tables.leads.unwrap();
        assert_eq!(leads.height(), 2500);
        let all = |column: &str, value: &str| {
            let v = strings(&leads, column);
            assert!(
                v.iter().all(|x| x.as_deref() == Some(value)),
                "{column}: {v:?}"
            );
        };
        // In the file's own (day-first) format, then ISO 8601.
        all("converted_at", "2026-04-14 10:30:00 UTC");
        all("first_touch_at", "2026-04-02 08:00:00 UTC");
        all("employees", "1200.0");
        all("converted", "true");
        all("country", "DE");
        all("email", "all@x.com");

        let bad = |constant: &str| {
            let mapping = format!("[[file]]\npath = \"leads.csv\"\n[file.constants]\n{constant}\n");
            load_one("leads.csv", csv.as_bytes(), Some(&mapping), "UTC")
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default()
        };
        assert_eq!(
            bad("employees = \"lots\""),
            "leads.csv: the mapping file's constant employees = \"lots\" is not a number; write a number such as 1200 or 1,200.50, under [file.constants] for path = \"leads.csv\""
        );
        assert_eq!(
            bad("converted = \"maybe\""),
            "leads.csv: the mapping file's constant converted = \"maybe\" is not a yes/no value; write true or false, under [file.constants] for path = \"leads.csv\""
        );
        assert_eq!(
            bad("converted_at = \"soon\""),
            "leads.csv: the mapping file's constant converted_at = \"soon\" is not a date that can be read; write it as 2026-04-01 or 2026-04-01 09:30 (ISO 8601) or in the file's own format (%d/%m/%Y %H:%M), under [file.constants] for path = \"leads.csv\""
        );
    }

    #[test]
    fn after_a_quote_that_never_closes_the_next_lines_are_read() {
        let mut csv = String::from("Record ID,Name,Create Date\n");
        for i in 1..=40 {
            if i == 20 {
                csv.push_str("20,\"Zoë,2026-04-20 09:00\n");
            } else {
                csv.push_str(&format!("{i},Zoë {i},2026-04-{:02} 09:00\n", 1 + i % 28));
            }
        }
        // Windows-1252: the sniff reads a decoded copy held in memory.
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&csv);
        for data in [csv.as_bytes(), &bytes[..]] {
            let import = load_one("contacts.csv", data, None, "UTC").unwrap();
            let report = &import.inspection.files[0];
            assert_eq!((report.rows, report.rows_set_aside), (39, 1));
            assert_eq!(report.set_aside[0].line, 21);
            let leads = import.tables.leads.unwrap();
            let ids = strings(&leads, "id");
            assert_eq!(ids.len(), 39);
            assert_eq!(ids[19].as_deref(), Some("21"));
            assert_eq!(strings(&leads, "_line")[19].as_deref(), Some("22"));
        }
    }

    #[test]
    fn emitted_mappings_reproduce_the_reading() {
        let csv = "Record ID,Email,Create Date,Lead Status\n1,a@x.com,2026-04-01 09:00,NEW\n";
        let import = load_one("c.csv", csv.as_bytes(), None, "UTC").unwrap();
        let emitted = mapping_of(&import.inspection).to_toml();
        let again = load_one("c.csv", csv.as_bytes(), Some(&emitted), "UTC").unwrap();
        assert_eq!(
            serde_json::to_value(&again.inspection).unwrap(),
            serde_json::to_value(&import.inspection).unwrap()
        );
        assert!(
            emitted.contains("[file.date_formats]\n\"Create Date\" = \"%Y-%m-%d %H:%M\""),
            "{emitted}"
        );
    }

    #[test]
    fn day_first_is_inferred_per_column() {
        // One column day-first (a day over 12 in its last row only), one month-first.
        let mut csv = String::from("Record ID,Create Date,Converted Date\n");
        for i in 1..=30 {
            csv.push_str(&format!(
                "{i},0{}-03-2026 09:00,03/0{}/2026\n",
                1 + i % 9,
                1 + i % 9
            ));
        }
        csv.push_str("31,21-03-2026 10:30,03/21/2026\n");
        let import = load_one("contacts.csv", csv.as_bytes(), None, "UTC").unwrap();
        let report = &import.inspection.files[0];
        let formats: Vec<Option<&str>> = report
            .columns
            .iter()
            .map(|c| c.date_format.as_deref())
            .collect();
        assert_eq!(formats, [None, Some("%d-%m-%Y %H:%M"), Some("%m/%d/%Y")]);
        let leads = import.tables.leads.unwrap();
        assert_eq!(
            strings(&leads, "created_at").last().unwrap().as_deref(),
            Some("2026-03-21 10:30:00 UTC")
        );
    }

    /// A deals file's link, checked against two lead files: each distinct value counted
    /// once, empty values not at all, and the files linked to in the files' order.
    #[test]
    fn a_link_to_two_lead_files() {
        let dir = tempfile::tempdir().unwrap();
        let ids = |range: std::ops::Range<u32>| {
            range
                .map(|i| format!("L{i},2026-03-01\n"))
                .collect::<String>()
        };
        let [both, first, later, second] = write_files(
            dir.path(),
            &[
                (
                    "both.csv",
                    "deal_id,lead_id,stage,amount\nD1,L1,Won,1\nD2,L15,Won,1\nD3,X1,Won,1\nD4,,Won,1\nD5,L1,Won,1\nD6,L5,Won,1\n".to_owned(),
                ),
                ("first.csv", format!("lead_id,created_at\n{}", ids(0..10))),
                (
                    "later.csv",
                    "deal_id,lead_id,stage,amount\nD7,L12,Won,1\nD8,X2,Won,1\nD9,X3,Won,1\n".to_owned(),
                ),
                (
                    "second.csv",
                    format!("lead_id,created_at\n{}L5,2026-03-02\n", ids(10..20)),
                ),
            ],
        )
        .try_into()
        .unwrap();
        let import = load(&[both, first, later, second], &mut utc()).unwrap();
        let files = &import.inspection.files;
        let link = |i: usize| {
            let l = &files[i].links[0];
            (l.matched, l.distinct, l.to.clone(), l.by_content)
        };
        assert_eq!(
            link(0),
            (
                3,
                4,
                vec!["first.csv".to_owned(), "second.csv".to_owned()],
                false
            )
        );
        assert!(files[0].warnings.iter().all(|w| !w.contains("lead ids")));
        assert_eq!(link(2), (1, 3, vec!["second.csv".to_owned()], false));
        assert!(
            files[2]
                .warnings
                .iter()
                .any(|w| w.contains("only 1 of its 3 values are lead ids")),
            "{:?}",
            files[2].warnings
        );
    }

    /// A deals file whose link column's name says nothing: its values are the leads'
    /// ids, so it is the link, and the guess is shown with the lines to confirm it.
    #[test]
    fn a_link_is_found_by_its_values() {
        let dir = tempfile::tempdir().unwrap();
        let leads = dir.path().join("leads.csv");
        let deals = dir.path().join("deals.csv");
        let mut l = String::from("lead_id,created_at\n");
        // Two candidates, the first not the link: each is counted on its own values.
        let mut d = String::from("deal_id,partner_id,origin_ref_id,stage,amount\n");
        for i in 0..20 {
            l.push_str(&format!("L{i},2026-03-{:02}\n", 1 + i));
            if i % 2 == 0 {
                d.push_str(&format!("D{i},P{i},L{i},Closed Won,100\n"));
            }
        }
        std::fs::write(&leads, l).unwrap();
        std::fs::write(&deals, d).unwrap();
        let import = load(&[deals, leads], &mut utc()).unwrap();
        let report = &import.inspection.files[0];
        assert_eq!(report.kind, Some(Kind::Deals));
        let link = &report.links[0];
        assert_eq!(
            (
                link.column.as_str(),
                link.matched,
                link.distinct,
                link.by_content
            ),
            ("origin_ref_id", 10, 10, true)
        );
        assert_eq!(link.to, ["leads.csv"]);
        assert!(
            report.fix.as_deref().unwrap().contains(
                "lead_id = \"origin_ref_id\"  # guess: its values are the ids of the leads"
            ),
            "{:?}",
            report.fix
        );
        let deals = import.tables.deals.unwrap();
        assert_eq!(strings(&deals, "lead_id")[0].as_deref(), Some("L0"));
        assert_eq!(deals.height(), 10);
    }

    #[test]
    fn progress_is_reported() {
        let mut csv = String::from("Record ID,Email,Create Date\n");
        for i in 0..40_000 {
            csv.push_str(&format!("{i},u{i}@x.com,2026-04-01 09:00\n"));
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.csv");
        std::fs::write(&path, &csv).unwrap();
        let mut seen: Vec<(String, Progress)> = Vec::new();
        let mut cb = |f: &str, p: Progress| seen.push((f.to_owned(), p));
        load(
            &[path],
            &mut Options {
                timezone: "UTC".into(),
                mapping: None,
                progress: Some(&mut cb),
                strict: false,
            },
        )
        .unwrap();
        assert!(seen.len() >= 3, "{seen:?}");
        assert!(
            seen.windows(2)
                .all(|w| w[0].1.bytes_read <= w[1].1.bytes_read)
        );
        let last = seen.last().unwrap();
        assert_eq!(last.0, "big.csv");
        assert_eq!(last.1.bytes_read, csv.len() as u64);
        assert_eq!(last.1.rows, 40_000);
    }

    /// Options to read in UTC, with no mapping and no progress.
    fn utc() -> Options<'static> {
        Options {
            timezone: "UTC".into(),
            mapping: None,
            progress: None,
            strict: false,
        }
    }

    fn write_files(dir: &Path, files: &[(&str, String)]) -> Vec<PathBuf> {
        files
            .iter()
            .map(|(name, text)| {
                let path = dir.join(name);
                std::fs::write(&path, text).unwrap();
                path
            })
            .collect()
    }

    fn leads_csv(from: usize, n: usize) -> String {
        let mut csv = String::from("Record ID,Email,Create Date\n");
        for i in from..from + n {
            csv.push_str(&format!("L{i},u{i}@x.com,2026-04-01 09:00\n"));
        }
        csv
    }

    /// Files are read several at once (#11), but their progress is told one file after
    /// another, in the files' order, and their rows are stacked in that order.
    #[test]
    fn files_read_at_once_are_told_and_stacked_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let texts = [
            ("a.csv", leads_csv(0, 30_000)),
            ("b.csv", leads_csv(30_000, 5)),
            ("c.csv", leads_csv(40_000, 50_000)),
            ("d.csv", leads_csv(100_000, 20_000)),
        ];
        let paths = write_files(dir.path(), &texts);
        let mut seen: Vec<(String, Progress)> = Vec::new();
        let mut cb = |f: &str, p: Progress| seen.push((f.to_owned(), p));
        let import = load(
            &paths,
            &mut Options {
                timezone: "UTC".into(),
                mapping: None,
                progress: Some(&mut cb),
                strict: false,
            },
        )
        .unwrap();
        let mut order: Vec<&str> = seen.iter().map(|(f, _)| f.as_str()).collect();
        order.dedup();
        // The files come in order, each once, each to its end.
        assert_eq!(order, ["a.csv", "b.csv", "c.csv", "d.csv"], "{seen:?}");
        for (name, text) in &texts {
            let mine: Vec<&Progress> = seen
                .iter()
                .filter(|(f, _)| f == name)
                .map(|(_, p)| p)
                .collect();
            assert!(mine.windows(2).all(|w| w[0].bytes_read <= w[1].bytes_read));
            assert_eq!(mine.last().unwrap().bytes_read, text.len() as u64, "{name}");
        }
        let files: Vec<&str> = import
            .inspection
            .files
            .iter()
            .map(|f| f.path.as_str())
            .collect();
        assert_eq!(files, ["a.csv", "b.csv", "c.csv", "d.csv"]);
        let leads = import.tables.leads.unwrap();
        assert_eq!(leads.height(), 100_005);
        let ids = strings(&leads, "id");
        let expected: Vec<Option<String>> = (0..30_000)
            .chain(30_000..30_005)
            .chain(40_000..90_000)
            .chain(100_000..120_000)
            .map(|i| Some(format!("L{i}")))
            .collect();
        assert!(ids == expected, "the rows are not in the files' order");
    }

    /// Of several files that cannot be read, the first in the files' order is the
    /// error, whichever was read first; a lenient read reports an unusable file as not
    /// used and reads the others.
    #[test]
    fn the_first_failing_file_is_the_error() {
        let dir = tempfile::tempdir().unwrap();
        let paths = write_files(
            dir.path(),
            &[
                ("big.csv", leads_csv(0, 60_000)),
                ("empty.csv", "   \n".to_owned()),
                (
                    "nodates.csv",
                    "Record ID,Email,Create Date\nL1,a@x.com,soon\n".to_owned(),
                ),
                ("also-empty.csv", String::new()),
                ("small.csv", leads_csv(70_000, 3)),
            ],
        );
        let err = load(&paths, &mut utc()).unwrap_err();
        assert!(err.to_string().starts_with("empty.csv"), "{err}");
        let err = load(
            &[&paths[0], &paths[2], &paths[3]].map(|p| p.clone()),
            &mut utc(),
        )
        .unwrap_err();
        assert!(err.to_string().starts_with("nodates.csv"), "{err}");
        let read = inspect_lenient(
            &[&paths[0], &paths[2], &paths[4]].map(|p| p.clone()),
            &mut utc(),
        )
        .unwrap();
        let used: Vec<(&str, bool)> = read
            .files
            .iter()
            .map(|f| (f.path.as_str(), f.kind.is_some()))
            .collect();
        assert_eq!(
            used,
            [
                ("big.csv", true),
                ("nodates.csv", false),
                ("small.csv", true)
            ]
        );
    }
}

mod absence_tests {
    use super::*;

    fn import(files: &[(&str, &str)]) -> Import {
        let dir = tempfile::tempdir().unwrap();
        let paths: Vec<PathBuf> = files
            .iter()
            .map(|(name, text)| {
                let path = dir.path().join(name);
                std::fs::write(&path, text).unwrap();
                path
            })
            .collect();
        load(
            &paths,
            &mut Options {
                timezone: "UTC".into(),
                ..Options::default()
            },
        )
        .unwrap()
    }

    /// A field some files of a kind lack is absent too, naming the files that have it:
    /// a figure on part of the records would pass for one on all of them (#12).
    #[test]
    fn a_field_is_absent_when_a_file_of_its_kind_lacks_it_naming_those_that_have_it() {
        let i = import(&[
            ("a.csv", "Record ID,Email,Lifecycle Stage\n1,a@x.io,Lead\n"),
            (
                "b.csv",
                "Record ID,Email,Create Date\n2,b@x.io,2026-04-01 09:00\n",
            ),
            ("c.csv", "Record ID,Email,Lifecycle Stage\n3,c@x.io,Lead\n"),
        ]);
        let t = &i.tables;
        assert_eq!(t.absence(Kind::Leads, "email"), None);
        assert_eq!(
            t.absence(Kind::Leads, "created_at").as_deref(),
            Some(
                "no creation date in a.csv, c.csv (b.csv has one; a figure on only some of the leads files is not given)"
            )
        );
        assert!(!t.absent_from_all(Kind::Leads, "created_at"));
        assert_eq!(
            t.absence(Kind::Leads, "owner").as_deref(),
            Some("no owner in a.csv, b.csv, c.csv")
        );
        assert!(t.absent_from_all(Kind::Leads, "owner"));
        assert_eq!(t.absence(Kind::Deals, "amount"), None, "no deals file");
        assert!(i.inspection.files[0].absent_fields.contains(&"created_at"));
    }

    #[test]
    fn without_an_id_column_a_record_is_known_by_its_file_and_line() {
        let i = import(&[(
            "leads.csv",
            "Create Date,First Name,Last Name,Email\n2026-04-01 09:00,Ann,Lee,a@x.io\n\n2026-04-02 09:00,Bo,Kim,b@x.io\n",
        )]);
        let leads = i.tables.leads.as_ref().unwrap();
        let ids: Vec<Option<&str>> = leads.column("id").unwrap().str().unwrap().iter().collect();
        // The blank line 3 holds no record: line numbers are the file's own.
        assert_eq!(ids, [Some("leads.csv:2"), Some("leads.csv:4")]);
        assert_eq!(
            i.tables.absence(Kind::Leads, "id").as_deref(),
            Some("no id in leads.csv")
        );
        assert!(
            i.inspection.files[0]
                .warnings
                .iter()
                .any(|w| w.starts_with("no lead id column")),
            "{:?}",
            i.inspection.files[0].warnings
        );
    }

    #[test]
    fn a_deal_without_a_creation_date_takes_its_leads() {
        let i = import(&[
            (
                "leads.csv",
                "Record ID,Create Date,Email\nL1,2026-04-01 09:00,a@x.io\nL2,2026-04-03 10:00,b@x.io\n",
            ),
            (
                "deals.csv",
                "Deal ID,Deal Stage,Close Date,Associated Contact IDs\nD1,Closed Won,2026-05-01,L2\nD2,Closed Won,2026-05-02,L1;L2\nD3,Closed Lost,2026-05-03,\n",
            ),
        ]);
        let deals = i.tables.deals.as_ref().unwrap();
        let created: Vec<Option<i64>> = deals
            .column("created_at")
            .unwrap()
            .cast(&DataType::Int64)
            .unwrap()
            .i64()
            .unwrap()
            .iter()
            .collect();
        let ms = |d: &str| {
            chrono::NaiveDateTime::parse_from_str(d, "%Y-%m-%d %H:%M")
                .unwrap()
                .and_utc()
                .timestamp_millis()
        };
        // D2 links to two leads: the earliest creation stands in.
        assert_eq!(
            created,
            [
                Some(ms("2026-04-03 10:00")),
                Some(ms("2026-04-01 09:00")),
                None
            ]
        );
        assert_eq!(i.tables.created_from_lead, Some((2, 3)));
        assert!(
            i.inspection.files[1]
                .warnings
                .iter()
                .any(|w| w.contains("stands in")),
            "{:?}",
            i.inspection.files[1].warnings
        );
    }
}

mod number_tests {
    use super::*;

    #[test]
    fn the_fast_path_reads_every_number_as_the_cleaning_does() {
        let values = [
            Some("1234.5"),
            Some("-12"),
            Some("+7"),
            Some(".5"),
            Some("5."),
            Some("007"),
            Some(" 42 "),
            Some("1e5"),
            Some("2E3"),
            Some("inf"),
            Some("NaN"),
            Some("10-20"),
            Some("51 - 200"),
            Some("$1,234.50"),
            Some("1.234,50 €"),
            Some("12,5"),
            Some("1000+"),
            Some("1_000"),
            Some("0x10"),
            Some(""),
            Some("-"),
            None,
            Some("1234.5"),
        ];
        let df = df!("s" => values).unwrap();
        let out = df
            .lazy()
            .select([
                number(col("s")).alias("fast"),
                number_cleaned(col("s")).alias("slow"),
            ])
            .collect()
            .unwrap();
        let fast: Vec<Option<f64>> = out.column("fast").unwrap().f64().unwrap().iter().collect();
        let slow: Vec<Option<f64>> = out.column("slow").unwrap().f64().unwrap().iter().collect();
        for (i, v) in values.iter().enumerate() {
            assert_eq!(
                fast[i].map(f64::to_bits),
                slow[i].map(f64::to_bits),
                "{v:?}: {:?} vs {:?}",
                fast[i],
                slow[i]
            );
        }
        assert_eq!(fast[0], Some(1234.5));
        assert_eq!(fast[10 + 1], Some(15.0));
        assert_eq!(fast[13], Some(1234.5));
    }
}

/// Reading a file in parts, each starting at a kept record, gives the very frame one
/// pass gives: across quoted line breaks, set-aside ragged rows, blank lines and a
/// quote that never closes.
#[test]
fn read_in_parts_as_in_one_pass() {
    let mut csv = String::from("id,email,note\n");
    for i in 0..400 {
        match i % 97 {
            13 => csv.push_str(&format!("{i},a{i}@x.com,\"two\nlines, and a comma\"\n")),
            29 => csv.push_str(&format!("{i},ragged,row,too,wide\n")),
            41 => csv.push('\n'),
            _ => csv.push_str(&format!("{i},a{i}@x.com,note {i}\n")),
        }
    }
    csv.push_str("400,a400@x.com,\"never closed\n401,a401@x.com,after\n");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("leads.csv");
    std::fs::write(&path, csv).unwrap();
    let mut sniffed = sniff::sniff(&path, &mut |_| {}).unwrap();
    assert!(
        !sniffed.set_aside.is_empty(),
        "the test needs set-aside rows"
    );
    let whole = read_strings_in_parts(&mut sniffed, "leads.csv", usize::MAX).unwrap();
    assert_eq!(whole.height(), sniffed.rows);
    for min_records in [1, 7, 50, 120] {
        let parts = read_strings_in_parts(&mut sniffed, "leads.csv", min_records).unwrap();
        assert!(parts.equals_missing(&whole), "parts of {min_records}");
    }
}

#[test]
fn text_trims_as_polars_does() {
    let values: Vec<Option<&str>> = vec![
        Some("plain"),
        Some(" padded "),
        Some("\tTab\r\n"),
        Some(""),
        Some("   "),
        None,
        Some("\u{A0}nbsp\u{3000}"),
        Some("é "),
        Some("inner  space"),
        Some("\u{0B}vt"),
    ];
    let clean: Vec<Option<&str>> = vec![Some("a"), None, Some("b c")];
    for input in [values, clean] {
        let df = df!("v" => &input).unwrap();
        let out = df
            .lazy()
            .select([
                coerce::text(col("v")).alias("fast"),
                coerce::text_per_row(col("v")).alias("polars"),
            ])
            .collect()
            .unwrap();
        let fast: Vec<Option<&str>> = out.column("fast").unwrap().str().unwrap().iter().collect();
        let polars: Vec<Option<&str>> = out
            .column("polars")
            .unwrap()
            .str()
            .unwrap()
            .iter()
            .collect();
        assert_eq!(fast, polars);
        assert_eq!(fast.len(), input.len());
    }
}

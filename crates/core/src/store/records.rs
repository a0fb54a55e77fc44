//! The workspace's records: its name and settings, the saved mapping, the audits and
//! their results, and the grades with their history.

use super::*;

impl Store {
    pub fn workspace(&self) -> Result<WorkspaceInfo, StoreError> {
        let (name, created_at, settings): (String, String, String) = self
            .conn
            .query_row(
                "SELECT name, created_at, settings FROM workspace WHERE id = 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .map_err(|e| sql(&self.path, e))?;
        let settings = serde_json::from_str(&settings).map_err(|e| StoreError::Decode {
            path: self.path.clone(),
            detail: format!("the workspace's settings could not be read ({e})"),
        })?;
        Ok(WorkspaceInfo {
            name,
            created_at,
            settings,
        })
    }

    pub fn set_settings(&self, settings: &Settings) -> Result<(), StoreError> {
        let json = serde_json::to_string(settings).expect("settings serialize");
        self.conn
            .execute("UPDATE workspace SET settings = ?1 WHERE id = 1", [json])
            .map_err(|e| sql(&self.path, e))?;
        Ok(())
    }

    /// Saves the workspace's mapping (TOML); the latest saved is the current one.
    pub fn save_mapping(&self, toml: &str) -> Result<(), StoreError> {
        self.conn
            .execute(
                "INSERT INTO mappings (created_at, toml) VALUES (?1, ?2)",
                params![now(), toml],
            )
            .map_err(|e| sql(&self.path, e))?;
        Ok(())
    }

    /// The current mapping, if one was saved.
    pub fn mapping(&self) -> Result<Option<String>, StoreError> {
        self.conn
            .query_row(
                "SELECT toml FROM mappings ORDER BY id DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| sql(&self.path, e))
    }

    /// Saves an audit; returns its id.
    pub fn add_audit(&self, audit: &NewAudit) -> Result<i64, StoreError> {
        let h = &audit.headline;
        self.conn
            .execute(
                "INSERT INTO audits (name, period, created_at, result, leads, deals,
                    speed_median_minutes, within_5m, within_1h, never_contacted,
                    qualification_rate, lead_to_opportunity, win_rate, cycle_time_days, verdict)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
                params![
                    audit.name,
                    audit.period,
                    now(),
                    audit.result.to_string(),
                    h.leads,
                    h.deals,
                    h.speed_median_minutes,
                    h.within_5m,
                    h.within_1h,
                    h.never_contacted,
                    h.qualification_rate,
                    h.lead_to_opportunity,
                    h.win_rate,
                    h.cycle_time_days,
                    h.verdict,
                ],
            )
            .map_err(|e| sql(&self.path, e))?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Replaces an audit's stored result and headline (e.g. after the verdict moved).
    pub fn update_result(
        &self,
        id: i64,
        result: &serde_json::Value,
        headline: &Headline,
    ) -> Result<(), StoreError> {
        let n = self
            .conn
            .execute(
                "UPDATE audits SET result = ?2, verdict = ?3 WHERE id = ?1",
                params![id, result.to_string(), headline.verdict],
            )
            .map_err(|e| sql(&self.path, e))?;
        if n == 0 {
            return Err(self.no_audit(id));
        }
        Ok(())
    }

    const SUMMARY_COLUMNS: &'static str = "id, name, period, created_at, leads, deals,
        speed_median_minutes, within_5m, within_1h, never_contacted, qualification_rate,
        lead_to_opportunity, win_rate, cycle_time_days, verdict";

    pub(super) fn summary(r: &rusqlite::Row<'_>) -> rusqlite::Result<AuditSummary> {
        Ok(AuditSummary {
            id: r.get(0)?,
            name: r.get(1)?,
            period: r.get(2)?,
            created_at: r.get(3)?,
            headline: Headline {
                leads: r.get(4)?,
                deals: r.get(5)?,
                speed_median_minutes: r.get(6)?,
                within_5m: r.get(7)?,
                within_1h: r.get(8)?,
                never_contacted: r.get(9)?,
                qualification_rate: r.get(10)?,
                lead_to_opportunity: r.get(11)?,
                win_rate: r.get(12)?,
                cycle_time_days: r.get(13)?,
                verdict: r.get(14)?,
            },
        })
    }

    /// Every audit, oldest first.
    pub fn audits(&self) -> Result<Vec<AuditSummary>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(&format!(
                "SELECT {} FROM audits ORDER BY created_at, id",
                Self::SUMMARY_COLUMNS
            ))
            .map_err(|e| sql(&self.path, e))?;
        let rows = stmt
            .query_map([], Self::summary)
            .map_err(|e| sql(&self.path, e))?;
        rows.collect::<Result<_, _>>()
            .map_err(|e| sql(&self.path, e))
    }

    /// One audit with its whole result.
    pub fn audit(&self, id: i64) -> Result<AuditRecord, StoreError> {
        let found = self
            .conn
            .query_row(
                &format!(
                    "SELECT {}, result FROM audits WHERE id = ?1",
                    Self::SUMMARY_COLUMNS
                ),
                [id],
                |r| Ok((Self::summary(r)?, r.get::<_, String>(15)?)),
            )
            .optional()
            .map_err(|e| sql(&self.path, e))?;
        let (s, result) = found.ok_or_else(|| self.no_audit(id))?;
        let result = serde_json::from_str(&result).map_err(|e| StoreError::Decode {
            path: self.path.clone(),
            detail: format!("audit {id}: its stored result is not JSON ({e})"),
        })?;
        Ok(AuditRecord {
            id: s.id,
            name: s.name,
            period: s.period,
            created_at: s.created_at,
            result,
            headline: s.headline,
        })
    }

    /// The audit before `id` (by creation), if any: what a new audit compares with.
    pub fn previous_audit(&self, id: i64) -> Result<Option<i64>, StoreError> {
        self.conn
            .query_row(
                "SELECT id FROM audits WHERE (created_at, id) < (SELECT created_at, id FROM audits WHERE id = ?1)
                 ORDER BY created_at DESC, id DESC LIMIT 1",
                [id],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| sql(&self.path, e))
    }

    /// Sets one item's grade: committed before this returns.
    pub fn set_grade(&self, audit_id: i64, item: u8, grade: &Grade) -> Result<(), StoreError> {
        if !(1..=12).contains(&item) {
            return Err(StoreError::NoItem(item));
        }
        let exists: Option<i64> = self
            .conn
            .query_row("SELECT id FROM audits WHERE id = ?1", [audit_id], |r| {
                r.get(0)
            })
            .optional()
            .map_err(|e| sql(&self.path, e))?;
        if exists.is_none() {
            return Err(self.no_audit(audit_id));
        }
        let escalation = serde_json::to_string(&grade.escalation).expect("rules serialize");
        self.conn
            .execute(
                "INSERT INTO grades (audit_id, item, grade, note, owner, due, escalation, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                 ON CONFLICT (audit_id, item) DO UPDATE SET
                    grade = excluded.grade, note = excluded.note, owner = excluded.owner,
                    due = excluded.due, escalation = excluded.escalation,
                    updated_at = excluded.updated_at",
                params![
                    audit_id,
                    item,
                    grade.grade.as_str(),
                    grade.note,
                    grade.owner,
                    grade.due.map(|d| d.to_string()),
                    escalation,
                    now()
                ],
            )
            .map_err(|e| sql(&self.path, e))?;
        Ok(())
    }

    /// The stored columns of a grade, as text, decoded by [`Store::decode_grade`].
    pub(super) fn raw_grade(r: &rusqlite::Row<'_>, from: usize) -> rusqlite::Result<RawGrade> {
        Ok(RawGrade {
            level: r.get(from)?,
            note: r.get(from + 1)?,
            owner: r.get(from + 2)?,
            due: r.get(from + 3)?,
            escalation: r.get(from + 4)?,
        })
    }

    /// A stored grade, or an error naming the file, the audit and the item: a value
    /// this version does not know (a damaged file, or one written by a newer version)
    /// is reported, never read as something else.
    pub(super) fn decode_grade(
        &self,
        audit_id: i64,
        item: u8,
        raw: RawGrade,
    ) -> Result<Grade, StoreError> {
        let bad = |what: String| StoreError::Decode {
            path: self.path.clone(),
            detail: format!(
                "audit {audit_id}, item {item}: {what}; the file is damaged or was written by a newer Lead Audit, and was left unchanged"
            ),
        };
        let grade = raw
            .level
            .parse::<GradeLevel>()
            .ok()
            .filter(|g| g.as_str() == raw.level)
            .ok_or_else(|| {
                bad(format!(
                    "the grade {:?} is not one this version knows",
                    raw.level
                ))
            })?;
        let due = match raw.due {
            None => None,
            Some(d) => Some(
                d.parse::<NaiveDate>()
                    .map_err(|_| bad(format!("the due date {d:?} is not a date (YYYY-MM-DD)")))?,
            ),
        };
        let escalation =
            serde_json::from_str::<Vec<EscalationRule>>(&raw.escalation).map_err(|e| {
                bad(format!(
                    "the escalation rules {:?} could not be read ({e})",
                    raw.escalation
                ))
            })?;
        Ok(Grade {
            grade,
            note: raw.note,
            owner: raw.owner,
            due,
            escalation,
        })
    }

    /// The grades of an audit, by item.
    pub fn grades(&self, audit_id: i64) -> Result<BTreeMap<u8, Grade>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT item, grade, note, owner, due, escalation FROM grades WHERE audit_id = ?1 ORDER BY item",
            )
            .map_err(|e| sql(&self.path, e))?;
        let rows = stmt
            .query_map([audit_id], |r| {
                Ok((r.get::<_, u8>(0)?, Self::raw_grade(r, 1)?))
            })
            .map_err(|e| sql(&self.path, e))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| sql(&self.path, e))?;
        rows.into_iter()
            .map(|(item, raw)| Ok((item, self.decode_grade(audit_id, item, raw)?)))
            .collect()
    }

    /// Every change of an audit's grades, oldest first.
    pub fn grade_history(&self, audit_id: i64) -> Result<Vec<GradeChange>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT item, grade, note, owner, due, escalation, changed_at FROM grade_history
                 WHERE audit_id = ?1 ORDER BY id",
            )
            .map_err(|e| sql(&self.path, e))?;
        let rows = stmt
            .query_map([audit_id], |r| {
                Ok((
                    r.get::<_, u8>(0)?,
                    Self::raw_grade(r, 1)?,
                    r.get::<_, String>(6)?,
                ))
            })
            .map_err(|e| sql(&self.path, e))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| sql(&self.path, e))?;
        rows.into_iter()
            .map(|(item, raw, changed_at)| {
                Ok(GradeChange {
                    item,
                    grade: self.decode_grade(audit_id, item, raw)?,
                    changed_at,
                })
            })
            .collect()
    }

    /// Writes a copy of the whole workspace to `dest` (replacing a file there): a
    /// consistent snapshot, with what is still in the write-ahead log, that opens on its
    /// own. This is the hand-over file. The open workspace is never its own destination.
    pub fn copy_to(&self, dest: &Path) -> Result<(), StoreError> {
        let err = |detail: String| StoreError::Copy {
            dest: dest.to_path_buf(),
            detail,
        };
        let same = match (self.path.canonicalize(), dest.canonicalize()) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        };
        if same {
            return Err(err("it is the workspace itself".to_owned()));
        }
        let dir = match dest.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        // Into an empty file beside the destination, then renamed over it: a failed copy
        // leaves nothing half-written behind.
        let temp = tempfile::Builder::new()
            .prefix(".leadaudit-copy-")
            .tempfile_in(dir)
            .map_err(|e| err(e.to_string()))?;
        let target = temp.path().to_string_lossy().into_owned();
        self.conn
            .execute("VACUUM INTO ?1", [target])
            .map_err(|e| err(e.to_string()))?;
        temp.persist(dest).map_err(|e| err(e.error.to_string()))?;
        Ok(())
    }

    pub(super) fn no_audit(&self, id: i64) -> StoreError {
        StoreError::NoAudit {
            path: self.path.clone(),
            id,
        }
    }
}

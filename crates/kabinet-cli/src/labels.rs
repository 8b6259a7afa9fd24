//! Who uses each number, from a terminal (`kabinet-cli labels …`): show a number's label, set
//! values on one or many numbers, import a file (XLSX or CSV) after its preview, and undo the
//! latest change. The same core as the app's (`account.labels()`): labels stay in the local
//! cache and are never sent to the portal.

use crate::output::{phone, Output};
use crate::texts::{self, headings};
use kabinet_core::account::Account;
use kabinet_core::labels::import::{Outcome, Plan};
use kabinet_core::labels::LabelEdit;
use kabinet_core::number_label::{split_tags, CostCentre, Label};
use kabinet_core::Error;
use std::path::PathBuf;

/// `kabinet-cli labels`'s arguments.
#[derive(clap::Args, Debug)]
pub struct LabelsArgs {
    /// The company's id (`kabinet-cli companies`); default: your first company.
    #[arg(long, global = true)]
    pub company: Option<i64>,
    #[command(subcommand)]
    pub command: LabelsCommand,
}

#[derive(clap::Subcommand, Debug)]
pub enum LabelsCommand {
    /// Shows a number's label.
    Show { msisdn: String },
    /// Sets values on one or more numbers; a value not given stays as each number has it, an
    /// empty one ("") clears it.
    Set {
        /// The numbers, written as people write them.
        #[arg(required = true)]
        msisdns: Vec<String>,
        #[arg(long)]
        employee: Option<String>,
        #[arg(long)]
        department: Option<String>,
        /// The cost centre's code (with --cost-centre-name for its name).
        #[arg(long)]
        cost_centre_code: Option<String>,
        #[arg(long, requires = "cost_centre_code")]
        cost_centre_name: Option<String>,
        /// Tags to add, separated by commas.
        #[arg(long)]
        add_tags: Option<String>,
        /// Tags to take off, separated by commas.
        #[arg(long)]
        remove_tags: Option<String>,
    },
    /// Previews an import of an XLSX or CSV file (number, employee, department, cost centre code
    /// and name, tags; the numbers list's export is one); --apply applies it in one change.
    Import {
        file: PathBuf,
        #[arg(long)]
        apply: bool,
    },
    /// Takes back the latest change (an import or an edit).
    Undo,
}

pub async fn run(account: &Account, args: LabelsArgs, out: &Output) -> Result<(), Error> {
    let company = crate::company_or_first(account, args.company).await?;
    let labels = account.labels();
    match args.command {
        LabelsCommand::Show { msisdn } => out.label(&msisdn, &labels.get(company, &msisdn).await?),
        LabelsCommand::Set {
            msisdns,
            employee,
            department,
            cost_centre_code,
            cost_centre_name,
            add_tags,
            remove_tags,
        } => {
            let edit = LabelEdit {
                employee,
                department,
                cost_centre: cost_centre_code
                    .map(|code| CostCentre { code, name: cost_centre_name.unwrap_or_default() }),
                add_tags: add_tags.as_deref().map(split_tags).unwrap_or_default(),
                remove_tags: remove_tags.as_deref().map(split_tags).unwrap_or_default(),
            };
            let change = labels.edit(company, &msisdns, &edit).await?;
            out.done(&texts::labels_set(change.numbers, change.id));
        }
        LabelsCommand::Import { file, apply } => {
            let bytes = std::fs::read(&file).map_err(|e| {
                Error::invalid_field(kabinet_core::ErrorCode::InvalidInput, "file", format!("{}: {e}", file.display()))
            })?;
            let plan = labels.preview_import(company, &bytes).await?;
            if !apply || out.json {
                out.import_plan(&plan);
            }
            if apply {
                let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                let change = labels.apply_import(company, &bytes, &name, &plan.digest).await?;
                if out.json {
                    out.json(&change);
                } else {
                    out.done(&texts::labels_imported(change.numbers, change.id));
                }
            } else if !out.json {
                outln!("{}", texts::labels_not_written(plan.changed));
            }
        }
        LabelsCommand::Undo => {
            let Some(change) = labels.last_change(company).await? else {
                return Err(Error::new(kabinet_core::ErrorCode::NotFound, texts::labels_nothing_to_undo()));
            };
            let restored = labels.undo(company, change.id).await?;
            out.done(&texts::labels_undone(change.id, &change.kind.to_string(), restored));
        }
    }
    Ok(())
}

impl Output {
    fn label(&self, msisdn: &str, l: &Label) {
        if self.json {
            return self.json(l);
        }
        let [employee, department, cost_centre, tags] = headings([
            ["Employee", "Сотрудник", "Қызметкер"],
            ["Department", "Отдел", "Бөлім"],
            ["Cost centre", "ЦФО", "Шығын орталығы"],
            ["Tags", "Теги", "Тегтер"],
        ]);
        let (cost, tag_list) = (format!("{} {}", l.cost_centre.code, l.cost_centre.name), l.tags.join(", "));
        let rows = [
            (employee, l.employee.as_str()),
            (department, l.department.as_str()),
            (cost_centre, cost.as_str()),
            (tags, tag_list.as_str()),
        ];
        // Labels padded to the longest of the language, so the values line up.
        let width = rows.iter().map(|(label, _)| label.chars().count()).max().unwrap_or(0) + 1;
        outln!("{}", phone(msisdn));
        for (label, value) in rows {
            outln!("  {:<width$} {value}", format!("{label}:"));
        }
    }

    fn import_plan(&self, plan: &Plan) {
        if self.json {
            return self.json(plan);
        }
        outln!("{}", texts::import_plan(plan.changed, plan.unchanged, plan.unknown, plan.malformed));
        if !plan.ignored_columns.is_empty() {
            outln!("{}", texts::columns_not_read(&plan.ignored_columns.join(", ")));
        }
        for row in &plan.rows {
            match &row.outcome {
                Outcome::Unknown => outln!("{}", texts::line_not_in_company(row.line, &row.written)),
                Outcome::Malformed { field, message, rule, params } => {
                    let why = texts::refusal(Some(rule), None, message, Some(params));
                    outln!("{}", texts::line_unreadable(row.line, field, &why))
                }
                Outcome::Change { .. } | Outcome::Same => {}
            }
        }
    }
}

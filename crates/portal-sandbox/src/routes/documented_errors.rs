//! The answers any route can give that its handler does not spell out, written into the OpenAPI
//! document after every route is registered, so a new route cannot forget them:
//!
//! - a state-changing request under `/api/v1` needs the `Idempotency-Key` header (400
//!   `idempotency_key_required`), and a key reused with another body is refused (422
//!   `idempotency_key_reused`): the idempotency layer answers these before any handler runs;
//! - a route that needs a session answers 401 `session_expired` without one, and a change asked
//!   by a secret-code session (`auth::CodeHolder`) is refused with 403 `forbidden`;
//! - a route that reads path or query values or a body answers 400 `invalid_input` naming the
//!   value it cannot read (the extractors of `crate::error`);
//! - every operation honours an optional `Accept-Language` header (kk, ru, en, with q-values):
//!   the language of an error's `message` and of the e-mails and SMS the request causes
//!   (`crate::language`);
//! - the forms of the Idempotency-Key (1 to 200 visible ASCII characters) and of the path values
//!   every route reads alike (`msisdn`, `imei`), so a generated client or a fuzzer sends what the
//!   portal reads.
//!
//! Generated clients and fuzzers read `/openapi.json`, so it must list every answer;
//! `tests/contract.rs` checks the result.

use kabinet_protocol::api::forms;
use utoipa::openapi::path::{Operation, ParameterBuilder, ParameterIn};
use utoipa::openapi::schema::{ObjectBuilder, Type};
use utoipa::openapi::{Content, OpenApi, Ref, RefOr, Required, ResponseBuilder};

/// Adds the answers above to every operation of `doc` that can give them. The POSTs of
/// `read_only` paths change nothing and need no key: they are marked `x-read-only: true`
/// instead.
pub fn add(doc: &mut OpenApi, read_only: &[String]) {
    for (path, item) in doc.paths.paths.iter_mut() {
        let api = path.starts_with("/api/v1");
        let reads_only = read_only.contains(path);
        let operations = [
            (&mut item.get, false),
            (&mut item.post, true),
            (&mut item.put, true),
            (&mut item.patch, true),
            (&mut item.delete, true),
        ];
        for (operation, changes_state) in operations {
            let Some(op) = operation.as_mut() else { continue };
            let changes_state = changes_state && !reads_only;
            if reads_only {
                let mark = utoipa::openapi::extensions::ExtensionsBuilder::new().add("x-read-only", true).build();
                op.extensions.get_or_insert_with(Default::default).merge(mark);
            }
            if api && changes_state {
                idempotency(op);
            }
            if op.security.as_ref().is_some_and(|s| !s.is_empty()) {
                ensure(op, "401", "session_expired", "no session, or it has ended");
                if api && changes_state {
                    ensure(op, "403", "forbidden", "a secret-code session: it reads its number, changes nothing");
                }
            }
            path_forms(op);
            accept_language(op);
            let reads_values = op.request_body.is_some()
                || op
                    .parameters
                    .iter()
                    .flatten()
                    .any(|p| matches!(p.parameter_in, ParameterIn::Path | ParameterIn::Query));
            if reads_values {
                ensure(
                    op,
                    "400",
                    "invalid_input",
                    "a path, query or body value that cannot be read (the message names it)",
                );
            }
        }
    }
}

/// The forms of the path values every route reads alike: a number (`msisdn`) in its canonical
/// 11 digits, an IMEI as its 14 digits or 15 with the check digit.
fn path_forms(op: &mut Operation) {
    for param in op.parameters.iter_mut().flatten().filter(|p| matches!(p.parameter_in, ParameterIn::Path)) {
        let form = match param.name.as_str() {
            "msisdn" => forms::phone(),
            "imei" => forms::imei(),
            _ => continue,
        };
        param.schema = Some(form.into());
    }
}

/// The optional `Accept-Language` header every route honours (`crate::language`).
fn accept_language(op: &mut Operation) {
    let parameters = op.parameters.get_or_insert_with(Vec::new);
    if parameters.iter().any(|p| p.name.eq_ignore_ascii_case("Accept-Language")) {
        return;
    }
    parameters.push(
        ParameterBuilder::new()
            .name("Accept-Language")
            .parameter_in(ParameterIn::Header)
            .required(Required::False)
            .description(Some(
                "kk, ru or en, with q-values (`kk, ru;q=0.8`): the language of an error's message and of \
                 the e-mails and SMS this request causes. Without it, or with none of these, English \
                 errors. Official forms (the certificate, invoices, acts) stay in Russian. A value it \
                 cannot read (any length, any text) is no preference, never a refusal, as HTTP wants.",
            ))
            .schema(Some(ObjectBuilder::new().schema_type(Type::String)))
            .build(),
    );
}

fn idempotency(op: &mut Operation) {
    use kabinet_protocol::api::{IDEMPOTENCY_KEY_HEADER, IDEMPOTENCY_KEY_MAX_LEN, IDEMPOTENCY_KEY_PATTERN};
    // What the idempotency layer takes: 1 to 200 visible ASCII characters (blank is refused).
    let schema = || {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .min_length(Some(1))
            .max_length(Some(IDEMPOTENCY_KEY_MAX_LEN))
            .pattern(Some(IDEMPOTENCY_KEY_PATTERN))
    };
    let parameters = op.parameters.get_or_insert_with(Vec::new);
    match parameters.iter_mut().find(|p| p.name == IDEMPOTENCY_KEY_HEADER) {
        Some(p) => {
            p.required = Required::True;
            p.schema = Some(schema().into());
        }
        None => parameters.push(
            ParameterBuilder::new()
                .name(IDEMPOTENCY_KEY_HEADER)
                .parameter_in(ParameterIn::Header)
                .required(Required::True)
                .description(Some("A unique key per action; a retry sends the same key and gets the first answer."))
                .schema(Some(schema()))
                .build(),
        ),
    }
    ensure(op, "400", "idempotency_key_required", "no Idempotency-Key header");
    ensure(op, "422", "idempotency_key_reused", "the Idempotency-Key was used for a different request");
}

/// Makes the `status` answer of `op` name `code`, adding the answer (an `Error` body) if the
/// route documents none with that status.
fn ensure(op: &mut Operation, status: &str, code: &str, meaning: &str) {
    let line = format!("{code}: {meaning}");
    match op.responses.responses.get_mut(status) {
        Some(RefOr::T(response)) if !response.description.contains(code) => {
            response.description =
                if response.description.is_empty() { line } else { format!("{}; {line}", response.description) };
        }
        Some(_) => {}
        None => {
            let response = ResponseBuilder::new()
                .description(line)
                .content("application/json", Content::new(Some(Ref::from_schema_name("Error"))))
                .build();
            op.responses.responses.insert(status.to_string(), RefOr::T(response));
        }
    }
}

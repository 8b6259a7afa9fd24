//! A sandbox on loopback and a raw HTTP client for it: the tests see the portal exactly as any
//! client does.

#![allow(dead_code)]

use portal_sandbox::{Config, RunningSandbox};
use reqwest::{Client, Method, StatusCode};
use serde_json::{json, Value};

pub struct Portal {
    pub sandbox: RunningSandbox,
    pub http: Client,
    _dir: tempfile::TempDir,
}

pub const ADMIN: &str = "77010016515";
pub const TELE2_ADMIN: &str = "77071234567";
pub const NEW_ADMIN: &str = "77017654321";
pub const PASSWORD: &str = "Kabinet-2026";

impl Portal {
    pub async fn start() -> Portal {
        let dir = tempfile::tempdir().unwrap();
        let sandbox =
            portal_sandbox::start(Config::demo("127.0.0.1:0".parse().unwrap(), dir.path().into())).await.unwrap();
        Portal { sandbox, http: Client::new(), _dir: dir }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.sandbox.url(), path.trim_start_matches('/'))
    }

    /// Sends a request; state-changing ones get a fresh Idempotency-Key.
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let key = uuid::Uuid::new_v4().to_string();
        self.call_with_key(method, path, token, body, &key).await
    }

    pub async fn call_with_key(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
        key: &str,
    ) -> (StatusCode, Value) {
        let mut req = self.http.request(method.clone(), self.url(path));
        if method != Method::GET {
            req = req.header("Idempotency-Key", key);
        }
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        let resp = req.send().await.unwrap();
        let status = resp.status();
        let text = resp.text().await.unwrap();
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    pub async fn login(&self, phone: &str, password: &str) -> (StatusCode, Value) {
        self.call(Method::POST, "/api/v1/auth/login", None, Some(json!({"phone": phone, "password": password}))).await
    }

    pub async fn token(&self, phone: &str, password: &str) -> String {
        let (status, body) = self.login(phone, password).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body["token"].as_str().unwrap().to_string()
    }

    pub async fn advance(&self, seconds: i64) {
        let (status, _) = self.call(Method::POST, "/sandbox/clock", None, Some(json!({"seconds": seconds}))).await;
        assert_eq!(status, StatusCode::NO_CONTENT);
    }

    pub async fn outbox(&self, recipient: &str) -> Vec<Value> {
        let (_, body) = self.call(Method::GET, &format!("/sandbox/outbox?recipient={recipient}"), None, None).await;
        body["items"].as_array().unwrap().clone()
    }

    /// The newest code sent to `recipient`.
    pub async fn last_code(&self, recipient: &str) -> String {
        let messages = self.outbox(recipient).await;
        let body = messages.first().expect("a message")["body"].as_str().unwrap().to_string();
        body.split(|c: char| !c.is_ascii_digit()).find(|w| w.len() == 6).unwrap().to_string()
    }

    pub async fn start_recovery(&self, phone: &str) -> Value {
        let (status, body) =
            self.call(Method::POST, "/api/v1/auth/recovery", None, Some(json!({"phone": phone}))).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body
    }

    pub async fn verify(&self, id: &str, code: &str) -> (StatusCode, Value) {
        self.call(Method::POST, &format!("/api/v1/auth/recovery/{id}/verify"), None, Some(json!({"code": code}))).await
    }
}

pub fn code(body: &Value) -> &str {
    body["code"].as_str().unwrap_or("")
}

impl Portal {
    /// Signs in the demo administrator.
    pub async fn admin(&self) -> String {
        self.token(ADMIN, PASSWORD).await
    }

    pub async fn get(&self, path: &str, token: &str) -> (StatusCode, Value) {
        self.call(Method::GET, path, Some(token), None).await
    }
}

impl Portal {
    /// A demo sandbox whose config `adjust` changes first (rules, a sandbox secret).
    pub async fn start_with(adjust: impl FnOnce(&mut Config)) -> Portal {
        let dir = tempfile::tempdir().unwrap();
        let mut config = Config::demo("127.0.0.1:0".parse().unwrap(), dir.path().into());
        adjust(&mut config);
        let sandbox = portal_sandbox::start(config).await.unwrap();
        Portal { sandbox, http: Client::new(), _dir: dir }
    }

    /// The sandbox's data folder.
    pub fn data_dir(&self) -> &std::path::Path {
        self._dir.path()
    }
}

impl Portal {
    /// Moves the clock over `/sandbox/clock`, with the sandbox secret when given.
    pub async fn advance_with_header(&self, seconds: i64, secret: Option<&str>) {
        let mut req = self.http.post(self.url("/sandbox/clock")).json(&json!({"seconds": seconds}));
        if let Some(s) = secret {
            req = req.header(portal_sandbox::SANDBOX_SECRET_HEADER, s);
        }
        assert_eq!(req.send().await.unwrap().status(), StatusCode::NO_CONTENT);
    }
}

impl Portal {
    /// Downloads a file: its status, `Content-Type`, `Content-Disposition` and bytes.
    pub async fn download(&self, path: &str, token: &str) -> (StatusCode, String, String, Vec<u8>) {
        let resp = self.http.get(self.url(path)).bearer_auth(token).send().await.unwrap();
        let header = |name: &str| resp.headers().get(name).map(|v| v.to_str().unwrap().to_string()).unwrap_or_default();
        let (status, content_type, disposition) =
            (resp.status(), header("content-type"), header("content-disposition"));
        (status, content_type, disposition, resp.bytes().await.unwrap().to_vec())
    }
}

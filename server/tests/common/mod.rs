//! A real server on a free loopback port with a fresh database, for tests.

#![allow(dead_code)]

use std::path::PathBuf;

use nuntly_local::{Config, Server};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use tokio::sync::oneshot;

pub struct TestServer {
    pub base: String,
    /// Secret of the seeded Full access key.
    pub admin: String,
    pub db_path: PathBuf,
    pub client: reqwest::Client,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<anyhow::Result<()>>>,
    _dir: Option<tempfile::TempDir>,
}

/// A response with its status, `x-request-id` and JSON body (`Value::Null` if none).
pub struct Reply {
    pub status: StatusCode,
    pub request_id: Option<String>,
    pub body: Value,
}

impl Reply {
    pub fn error_code(&self) -> &str {
        self.body["error"]["code"].as_str().unwrap_or("<no error code>")
    }

    pub fn error_field(&self) -> &str {
        self.body["error"]["details"]["field"].as_str().unwrap_or("<no field>")
    }
}

impl TestServer {
    pub async fn start() -> Self {
        let dir = tempfile::tempdir().expect("temporary folder");
        let db_path = dir.path().join("nuntly.sqlite");
        let mut server = Self::start_with(db_path, None).await;
        server._dir = Some(dir);
        server
    }

    pub async fn start_with(db_path: PathBuf, dist: Option<PathBuf>) -> Self {
        let mut config = Config::new(db_path.clone(), "127.0.0.1:0".parse().unwrap());
        config.dist = dist;
        config.faults = true;
        let server = Server::bind(config).await.expect("server starts");
        let base = format!("http://{}", server.addr);
        let admin = server.seeded_secret.clone().unwrap_or_default();
        let (shutdown, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(server.serve(async {
            let _ = stopped.await;
        }));
        Self {
            base,
            admin,
            db_path,
            client: reqwest::Client::new(),
            shutdown: Some(shutdown),
            task: Some(task),
            _dir: None,
        }
    }

    /// Stops the server and waits until it released the database.
    pub async fn stop(mut self) -> Option<tempfile::TempDir> {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        if let Some(task) = self.task.take() {
            task.await.expect("server task").expect("server stops cleanly");
        }
        self._dir.take()
    }

    pub async fn call(&self, method: Method, path: &str, key: Option<&str>, body: Option<Value>) -> Reply {
        let mut request = self.client.request(method, format!("{}{}", self.base, path));
        if let Some(key) = key {
            request = request.bearer_auth(key);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.expect("request reaches the server");
        Self::reply(response).await
    }

    pub async fn reply(response: reqwest::Response) -> Reply {
        let status = response.status();
        let request_id = response
            .headers()
            .get("x-request-id")
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned);
        let text = response.text().await.expect("body");
        let body = serde_json::from_str(&text).unwrap_or(Value::Null);
        Reply {
            status,
            request_id,
            body,
        }
    }

    pub async fn get(&self, path: &str, key: &str) -> Reply {
        self.call(Method::GET, path, Some(key), None).await
    }

    pub async fn post(&self, path: &str, key: &str, body: Value) -> Reply {
        self.call(Method::POST, path, Some(key), Some(body)).await
    }

    pub async fn patch(&self, path: &str, key: &str, body: Value) -> Reply {
        self.call(Method::PATCH, path, Some(key), Some(body)).await
    }

    pub async fn delete(&self, path: &str, key: &str) -> Reply {
        self.call(Method::DELETE, path, Some(key), None).await
    }

    /// Creates a key with the admin key; returns `(id, secret)`.
    pub async fn create_key(&self, body: Value) -> (String, String) {
        let reply = self.post("/api-keys", &self.admin, body).await;
        assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
        let data = &reply.body["data"];
        (
            data["id"].as_str().unwrap().to_owned(),
            data["apiKey"].as_str().unwrap().to_owned(),
        )
    }

    /// Returns every domain id by name.
    pub async fn domain_id(&self, name: &str) -> String {
        let reply = self.get("/domains?limit=100", &self.admin).await;
        reply.body["data"]
            .as_array()
            .unwrap()
            .iter()
            .find(|domain| domain["name"] == name)
            .and_then(|domain| domain["id"].as_str())
            .unwrap_or_else(|| panic!("no seeded domain {name}"))
            .to_owned()
    }

    pub async fn send_email(&self, key: &str, from: &str) -> Reply {
        self.post(
            "/emails",
            key,
            json!({ "from": from, "to": "someone@example.net", "subject": "Hello", "text": "Hi" }),
        )
        .await
    }
}

//! `portal-sandbox --addr 127.0.0.1:PORT --data DIR --seed demo|large:N|none`

use portal_sandbox::{Config, Rules, Seed};
use std::net::SocketAddr;
use std::path::PathBuf;

const USAGE: &str =
    "usage: portal-sandbox [--addr 127.0.0.1:8787] [--data DIR] [--seed demo|none] [--sandbox-secret SECRET]";

fn parse_args() -> Result<Config, String> {
    let mut addr: SocketAddr = "127.0.0.1:8787".parse().expect("literal");
    let mut data = PathBuf::from("portal-sandbox-data");
    let mut seed = Seed::Demo;
    let mut sandbox_secret = None;
    let rules = Rules::default();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value\n{USAGE}"));
        match arg.as_str() {
            "--addr" => addr = value("--addr")?.parse().map_err(|e| format!("--addr: {e}"))?,
            "--data" => data = PathBuf::from(value("--data")?),
            "--seed" => seed = value("--seed")?.parse()?,
            "--sandbox-secret" => sandbox_secret = Some(value("--sandbox-secret")?),
            "-h" | "--help" => return Err(USAGE.to_string()),
            other => return Err(format!("unknown argument {other}\n{USAGE}")),
        }
    }
    Ok(Config { addr, data_dir: data, seed, rules, sandbox_secret })
}

#[tokio::main]
async fn main() {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()))
        .init();
    let config = match parse_args() {
        Ok(c) => c,
        Err(msg) => {
            eprintln!("{msg}");
            std::process::exit(2);
        }
    };
    let sandbox = match portal_sandbox::start(config).await {
        Ok(s) => s,
        Err(e) => {
            eprintln!("portal-sandbox: {e:#}");
            std::process::exit(1);
        }
    };
    println!("portal sandbox at {}", sandbox.url());
    let _ = tokio::signal::ctrl_c().await;
    sandbox.shutdown().await;
}

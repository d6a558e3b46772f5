//! Project automation, run as `cargo xtask <command>`.
//!
//! | command  | what it does                                                         |
//! |----------|----------------------------------------------------------------------|
//! | `setup`  | installs the build tools that are missing (`--browsers`: test tools)  |
//! | `build`  | builds the release dashboard into `dist/`                             |
//! | `run`    | builds, then serves the API and the dashboard on one local port       |
//! | `dev`    | runs the local API and `trunk serve` with live rebuilds               |
//! | `test`   | installs what tests need and runs every suite                         |
//! | `bench`  | measures size, server pagination and the browser figures (bench/)     |
//!
//! Every install step checks first and skips what is present at the right
//! version, so a second run costs seconds.

mod bench;
mod bench_site;
mod loader;
mod setup;
mod tasks;

use std::process::ExitCode;

const USAGE: &str = "\
Usage: cargo xtask <command> [options]

Commands:
  setup [--browsers]   Install missing build tools; --browsers adds browsers and drivers
  build                Build the release dashboard into dist/
  run [--fresh] [--port N]
                       Build, then serve the local API and the dashboard (default port 8787);
                       --fresh starts from a new database
  dev                  Run the local API on port 8787 and `trunk serve` on port 8080
  test                 Install test tools and run every suite in Chromium and Firefox
  bench                Measure size, server pagination, and start-up, list, search and memory
                       in headless Chromium beside four baselines (see BENCHMARKS.md)
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(command) = args.first() else {
        eprint!("{USAGE}");
        return ExitCode::FAILURE;
    };
    let options = &args[1..];

    let result = match command.as_str() {
        "setup" => setup::run(options.iter().any(|option| option == "--browsers")).map(|_| ()),
        "build" => tasks::build().map(|_| ()),
        "run" => tasks::run(options),
        "dev" => tasks::dev(),
        "test" => tasks::test(),
        "bench" => bench::run(),
        // Trunk's post-build hook; see Trunk.toml.
        "externalize-loader" => match std::env::var_os("TRUNK_STAGING_DIR") {
            Some(dir) => loader::externalize(std::path::Path::new(&dir)),
            None => Err(anyhow::anyhow!("TRUNK_STAGING_DIR is not set; Trunk runs this command as a hook")),
        },
        "help" | "--help" | "-h" => {
            print!("{USAGE}");
            Ok(())
        }
        other => {
            eprintln!("unknown command {other:?}\n\n{USAGE}");
            return ExitCode::FAILURE;
        }
    };

    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("xtask: {error:#}");
            ExitCode::FAILURE
        }
    }
}

//! Moves Trunk's inline loader script into a file of its own, so the page
//! runs under `script-src 'self'` without `'unsafe-inline'` or a hash.
//!
//! Trunk 0.21 writes the loader (which imports the wasm-bindgen module and
//! calls its `init`) inline in `index.html`. Trunk.toml runs this as a
//! post-build hook, on the folder in `TRUNK_STAGING_DIR`.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::Path;

use anyhow::{Context, bail};

const INLINE_OPENING: &str = "<script type=\"module\">";
const CLOSING: &str = "</script>";

/// Rewrites `index.html` in `dir` and writes the loader next to it.
pub fn externalize(dir: &Path) -> anyhow::Result<()> {
    let index_path = dir.join("index.html");
    let index = std::fs::read_to_string(&index_path)
        .with_context(|| format!("failed to read {}", index_path.display()))?;
    let (rewritten, file_name, script) = split_loader(&index)?;
    std::fs::write(dir.join(&file_name), script).with_context(|| format!("failed to write {file_name}"))?;
    std::fs::write(&index_path, rewritten).with_context(|| format!("failed to write {}", index_path.display()))?;
    println!("loader: moved the inline loader to {file_name}");
    Ok(())
}

/// Returns the page without its inline loader, the loader's file name
/// (named by a hash of its content, like Trunk's other files) and its text.
pub fn split_loader(index: &str) -> anyhow::Result<(String, String, String)> {
    let Some(start) = index.find(INLINE_OPENING) else {
        if index.contains("<script type=\"module\" src=\"./boot-") {
            bail!("index.html already loads an external loader; was the hook run twice?");
        }
        bail!("index.html has no inline module script; Trunk's output format changed");
    };
    let content_start = start + INLINE_OPENING.len();
    let length = index[content_start..]
        .find(CLOSING)
        .context("the inline loader script is not closed")?;
    let script = index[content_start..content_start + length].trim().to_owned();
    if index[content_start + length..].contains(INLINE_OPENING) {
        bail!("index.html has more than one inline module script");
    }

    let mut hasher = DefaultHasher::new();
    script.hash(&mut hasher);
    let file_name = format!("boot-{:016x}.js", hasher.finish());
    let tag = format!("<script type=\"module\" src=\"./{file_name}\"></script>");
    let rewritten = format!("{}{tag}{}", &index[..start], &index[content_start + length + CLOSING.len()..]);
    Ok((rewritten, file_name, format!("{script}\n")))
}

#[cfg(test)]
mod tests {
    use super::split_loader;

    #[test]
    fn loader_moves_to_file() {
        let index = "<head><script type=\"module\">\nimport init from './app.js';\nawait init();\n</script><link rel=\"modulepreload\" href=\"./app.js\"></head>";
        let (rewritten, file_name, script) = split_loader(index).unwrap();
        assert!(file_name.starts_with("boot-"), "{file_name}");
        assert!(file_name.ends_with(".js"), "{file_name}");
        assert_eq!(script, "import init from './app.js';\nawait init();\n");
        assert_eq!(
            rewritten,
            format!("<head><script type=\"module\" src=\"./{file_name}\"></script><link rel=\"modulepreload\" href=\"./app.js\"></head>")
        );
    }

    #[test]
    fn loader_name_follows_content() {
        let first = split_loader("<script type=\"module\">a()</script>").unwrap().1;
        let second = split_loader("<script type=\"module\">b()</script>").unwrap().1;
        assert_ne!(first, second);
    }

    #[test]
    fn missing_or_repeated_loader_is_an_error() {
        assert!(split_loader("<head></head>").is_err());
        assert!(split_loader("<script type=\"module\">a()</script><script type=\"module\">b()</script>").is_err());
        assert!(split_loader("<script type=\"module\">a()").is_err());
    }
}

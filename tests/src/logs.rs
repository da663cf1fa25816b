//! Captures TRACE-level tracing output in memory, span closes included (they
//! carry the fields a call span records at its end).

use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};

use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::fmt::format::FmtSpan;
use tracing_subscriber::util::SubscriberInitExt;

/// What the subscriber wrote so far.
#[derive(Clone, Default)]
pub struct Logs(Arc<Mutex<Vec<u8>>>);

impl Logs {
    /// Everything written so far.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().expect("not poisoned")).into_owned()
    }

    /// The lines that close a span named `name`, with its recorded fields.
    pub fn span_closes(&self, name: &str) -> Vec<String> {
        let marker = format!("{name}{{");
        self.text()
            .lines()
            .filter(|line| line.contains(&marker) && line.contains(" close "))
            .map(str::to_owned)
            .collect()
    }
}

/// One write into [`Logs`].
pub struct LogsWriter(Arc<Mutex<Vec<u8>>>);

impl Write for LogsWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .expect("not poisoned")
            .extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Logs {
    type Writer = LogsWriter;

    fn make_writer(&'a self) -> Self::Writer {
        LogsWriter(self.0.clone())
    }
}

fn subscriber(logs: &Logs) -> impl tracing_subscriber::util::SubscriberInitExt + use<> {
    tracing_subscriber::fmt()
        .with_max_level(tracing_subscriber::filter::LevelFilter::TRACE)
        .with_ansi(false)
        .with_span_events(FmtSpan::CLOSE)
        .with_writer(logs.clone())
        .finish()
}

/// Captures what this thread logs until the guard drops (enough for tests on
/// the current-thread runtime).
pub fn capture_thread() -> (Logs, tracing::subscriber::DefaultGuard) {
    let logs = Logs::default();
    let guard = subscriber(&logs).set_default();
    (logs, guard)
}

/// Captures what the whole process logs, `log` records (reqwest's) included.
/// Installed once per test binary; every caller gets the same [`Logs`].
pub fn capture_process() -> Logs {
    static LOGS: OnceLock<Logs> = OnceLock::new();
    LOGS.get_or_init(|| {
        let logs = Logs::default();
        subscriber(&logs)
            .try_init()
            .expect("no other global subscriber in this test binary");
        logs
    })
    .clone()
}

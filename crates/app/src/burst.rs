//! When to evaluate while the user edits: the first edit after a pause is
//! evaluated at once, so a single keystroke or click shows its effect
//! without delay; the later edits of a burst of typing are evaluated once
//! the burst pauses (debounced), so half-typed text is not evaluated.
//! Edits in the options form always wait for the pause.

use gloo_timers::callback::Timeout;

/// Edits closer together than this form a burst.
pub const PAUSE_MS: u32 = 150;

/// The debounce state of the editor and the options form.
#[derive(Default)]
pub struct Burst {
    /// When the last edit happened (ms since the epoch).
    last_edit: f64,
    /// The pending evaluation at the end of the current burst.
    timer: Option<Timeout>,
}

impl Burst {
    /// Records an edit made at `now`. Returns true when it should be
    /// evaluated at once; otherwise `later` runs when the burst pauses.
    /// A `patient` edit (a field of the options form, where `7` is the first
    /// keystroke of `70000`) always waits for the pause.
    pub fn edit(&mut self, now: f64, patient: bool, later: impl FnOnce() + 'static) -> bool {
        let after_pause = now - self.last_edit >= f64::from(PAUSE_MS);
        self.last_edit = now;
        if after_pause && !patient && self.timer.is_none() {
            return true;
        }
        self.timer = Some(Timeout::new(PAUSE_MS, later));
        false
    }

    /// Forgets the pending evaluation (it fired, or an evaluation of the
    /// newest files was started another way).
    pub fn settle(&mut self) {
        self.timer = None;
    }

    /// Whether an evaluation waits for the burst to pause.
    pub fn waiting(&self) -> bool {
        self.timer.is_some()
    }
}

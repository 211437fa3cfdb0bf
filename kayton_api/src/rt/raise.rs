//! Raising a Rust `Err` as a Keyton error. The message is the error's `Display`, followed
//! by its `source()` chain when the type is a `std::error::Error` — reqwest's
//! "error sending request" alone does not say that the connection was refused.
//!
//! Whether `E: Error` is decided at the (monomorphic) call site with autoref
//! specialisation: `raise!` calls `(&&&ErrText(&e)).kerr_text()`, which picks `ViaSource`
//! when it applies, falls back to `ViaPlain` for any `Display`, and to `ViaErrDebug` for
//! an error that is only `Debug` (`Result<(), ()>`: `Url::set_port`).
use super::KErr;
use std::error::Error;
use std::fmt::Display;
use std::string::{String, ToString};

pub struct ErrText<'a, E>(pub &'a E);

pub trait ViaSource {
    fn kerr_text(&self) -> String;
}
impl<E: Error> ViaSource for &&ErrText<'_, E> {
    fn kerr_text(&self) -> String {
        let mut text = self.0.to_string();
        let mut next = self.0.source();
        while let Some(cause) = next {
            let c = cause.to_string();
            // Many errors already print their cause; say each thing once.
            if !c.is_empty() && !text.contains(&c) {
                text.push_str(": ");
                text.push_str(&c);
            }
            next = cause.source();
        }
        text
    }
}

pub trait ViaPlain {
    fn kerr_text(&self) -> String;
}
impl<E: Display> ViaPlain for &ErrText<'_, E> {
    fn kerr_text(&self) -> String {
        self.0.to_string()
    }
}

pub trait ViaErrDebug {
    fn kerr_text(&self) -> String;
}
impl<E: std::fmt::Debug> ViaErrDebug for ErrText<'_, E> {
    fn kerr_text(&self) -> String {
        std::format!("the call returned Err({:?})", self.0)
    }
}

/// `Ok(v)` → `v`; `Err(e)` → a Keyton error whose text `text` made from `e`.
pub fn raise_with<T, E>(r: Result<T, E>, text: impl FnOnce(&E) -> String) -> Result<T, KErr> {
    r.map_err(|e| KErr(text(&e)))
}

/// `raise!(result)`: the `Ok` value, or a `KErr` with the error and its causes.
#[macro_export]
macro_rules! raise {
    ($r:expr) => {
        $crate::rt::raise_with($r, |e| {
            #[allow(unused_imports)]
            use $crate::rt::{ViaErrDebug as _, ViaPlain as _, ViaSource as _};
            (&&&$crate::rt::ErrText(e)).kerr_text()
        })
    };
}

#[cfg(test)]
mod tests {
    use crate::rt::KErr;
    use std::fmt;
    use std::string::String;

    #[derive(Debug)]
    struct Outer(Inner);
    #[derive(Debug)]
    struct Inner;
    impl fmt::Display for Outer {
        fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("error sending request")
        }
    }
    impl fmt::Display for Inner {
        fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("connection refused")
        }
    }
    impl std::error::Error for Outer {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            Some(&self.0)
        }
    }
    impl std::error::Error for Inner {}

    #[test]
    fn errors_show_their_causes_and_plain_displays_show_themselves() {
        let r: Result<(), Outer> = Err(Outer(Inner));
        assert_eq!(
            crate::raise!(r),
            Err(KErr("error sending request: connection refused".into()))
        );
        let r: Result<i64, &str> = Err("just text");
        assert_eq!(crate::raise!(r), Err(KErr("just text".into())));
        let r: Result<i64, String> = Ok(3);
        assert_eq!(crate::raise!(r), Ok(3));
        let r: Result<(), ()> = Err(());
        assert_eq!(
            crate::raise!(r),
            Err(KErr("the call returned Err(())".into()))
        );
    }
}

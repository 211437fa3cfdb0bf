//! `kayton::serde_bridge!()`: the serde side of [`Data`](crate::rt::Data), expanded in a
//! plugin (which depends on serde; this runtime cannot) as the module `__kayton_serde`.
//! Its `Serde` is what bindgen instantiates a function bounded by `Serialize` or
//! `Deserialize` for (`to_string::<Serde>`), so that a dict, a list or any data-shaped
//! Keyton value goes in, and comes out as the type its `let` names.
//!
//! The module's name is `kayton_manifest::SERDE_BRIDGE`, where bindgen and the compiler
//! read it (a test checks the two agree).

/// The plugin's `__kayton_serde` module: `Serde(Data)` and its serde impls, and how a VM
/// registry call passes and receives one.
#[macro_export]
macro_rules! serde_bridge {
    () => {
        #[doc(hidden)]
        pub mod __kayton_serde {
            use ::serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
            use ::serde::ser::{Serialize, SerializeMap, SerializeSeq, SerializeTuple, Serializer};
            use ::std::result::Result::{self, Err, Ok};
            use ::std::string::String;
            use $crate::rt::Data;

            /// A Keyton value, as data, where a serde trait is wanted.
            #[derive(Clone, Debug, PartialEq)]
            pub struct Serde(pub Data);

            /// A borrowed item of a list or a map, serialized in place.
            struct Item<'a>(&'a Data);

            impl Serialize for Item<'_> {
                fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                    match self.0 {
                        Data::None => s.serialize_none(),
                        Data::Bool(b) => s.serialize_bool(*b),
                        Data::Int(i) => s.serialize_i64(*i),
                        Data::Float(x) => s.serialize_f64(*x),
                        Data::Str(t) => s.serialize_str(t),
                        Data::List(xs) => {
                            let mut q = s.serialize_seq(Some(xs.len()))?;
                            for x in xs {
                                q.serialize_element(&Item(x))?;
                            }
                            q.end()
                        }
                        Data::Tuple(xs) => {
                            let mut q = s.serialize_tuple(xs.len())?;
                            for x in xs {
                                q.serialize_element(&Item(x))?;
                            }
                            q.end()
                        }
                        Data::Map(es) => {
                            let mut m = s.serialize_map(Some(es.len()))?;
                            for (k, v) in es {
                                m.serialize_entry(&Item(k), &Item(v))?;
                            }
                            m.end()
                        }
                    }
                }
            }

            impl Serialize for Serde {
                fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                    Item(&self.0).serialize(s)
                }
            }

            /// Any self-describing input as data.
            struct Any;

            impl<'de> Visitor<'de> for Any {
                type Value = Data;
                fn expecting(&self, f: &mut ::std::fmt::Formatter) -> ::std::fmt::Result {
                    f.write_str("a value Keyton holds (None, bool, int, float, str, list, dict)")
                }
                fn visit_bool<E: de::Error>(self, v: bool) -> Result<Data, E> {
                    Ok(Data::Bool(v))
                }
                fn visit_i64<E: de::Error>(self, v: i64) -> Result<Data, E> {
                    Ok(Data::Int(v))
                }
                fn visit_u64<E: de::Error>(self, v: u64) -> Result<Data, E> {
                    i64::try_from(v)
                        .map(Data::Int)
                        .map_err(|_| E::custom(::std::format!("{v} does not fit in an int (i64)")))
                }
                fn visit_f64<E: de::Error>(self, v: f64) -> Result<Data, E> {
                    Ok(Data::Float(v))
                }
                fn visit_str<E: de::Error>(self, v: &str) -> Result<Data, E> {
                    Ok(Data::Str(v.into()))
                }
                fn visit_string<E: de::Error>(self, v: String) -> Result<Data, E> {
                    Ok(Data::Str(v))
                }
                fn visit_none<E: de::Error>(self) -> Result<Data, E> {
                    Ok(Data::None)
                }
                fn visit_unit<E: de::Error>(self) -> Result<Data, E> {
                    Ok(Data::None)
                }
                fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Data, D::Error> {
                    d.deserialize_any(Any)
                }
                fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Data, A::Error> {
                    let mut xs = ::std::vec::Vec::new();
                    while let Some(Serde(x)) = a.next_element()? {
                        xs.push(x);
                    }
                    Ok(Data::List(xs))
                }
                fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Data, A::Error> {
                    let mut es = ::std::vec::Vec::new();
                    while let Some((Serde(k), Serde(v))) = a.next_entry()? {
                        es.push((k, v));
                    }
                    Ok(Data::Map(es))
                }
            }

            impl<'de> Deserialize<'de> for Serde {
                fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Serde, D::Error> {
                    d.deserialize_any(Any).map(Serde)
                }
            }

            impl<'a, M> $crate::export::FromArg<'a, M> for Serde {
                unsafe fn from_arg(
                    _: &$crate::Ctx<'_>,
                    v: &'a $crate::KValue,
                ) -> Result<Serde, String> {
                    // SAFETY: the caller's promise (a live ABI value).
                    unsafe { Data::from_kvalue(v) }.map(Serde)
                }
            }

            impl<M> $crate::export::IntoRet<M> for Serde {
                fn into_ret(self) -> Result<$crate::Owned, String> {
                    self.0.into_owned()
                }
            }
        }
    };
}

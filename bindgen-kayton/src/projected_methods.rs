//! Methods of a generic type whose signature projects through one of the type's own
//! parameters (form_urlencoded's `Serializer<'a, T: Target>::finish(&mut self) ->
//! T::Finished`): no one text names the result for every instance, so the method is
//! declared per instance, the parameter bound to the instance's argument
//! (`<String as Target>::Finished` is `String`), as an impl for one instance's methods are
//! (`type_def::instance_methods`).
use crate::render::Renderer;
use crate::{function, Coverage, Extra};
use rustdoc_types::Item;

/// Whether the skip reasons in `scratch` are all an associated type's: the method may
/// render once its type's parameters are bound.
pub(crate) fn projects(scratch: &Coverage) -> bool {
    !scratch.skipped.is_empty()
        && scratch
            .skipped
            .keys()
            .all(|why| why.starts_with("associated type"))
}

/// Declare the method `it` of the generic type at `path` (its parameters `own`) for each
/// instance it renders at; whether there was one.
pub(crate) fn per_instance(
    r: &Renderer,
    path: &str,
    own: &[String],
    it: &Item,
    extra: &mut Extra,
) -> bool {
    let shapes = extra.type_shapes.get(path).cloned().unwrap_or_else(|| {
        crate::instances::generic_shapes()
            .map(String::from)
            .collect()
    });
    let bare = path.split('<').next().unwrap_or(path);
    let mut found = false;
    for shape in shapes {
        let args = crate::aliases::shape_args(&shape, own.len());
        let at = |text: &String| {
            own.iter()
                .position(|p| p == text)
                .map_or_else(|| text.clone(), |i| args[i].clone())
        };
        // The impl's names for the type's parameters, then the parameters themselves.
        let mut bound: std::collections::HashMap<String, String> =
            r.bound.iter().map(|(k, v)| (k.clone(), at(v))).collect();
        bound.extend(own.iter().cloned().zip(args.iter().cloned()));
        let rb = Renderer {
            generics: &[],
            bound: &bound,
            ..*r
        };
        let instance = format!("{bare}<{}>", args.join(", "));
        let mut scratch = Coverage::default();
        if let Some((f, b)) = function(&rb, it, Some(&instance), &mut scratch) {
            crate::type_def::add_instance_method(extra, path, &shape, f, b);
            found = true;
        }
    }
    found
}

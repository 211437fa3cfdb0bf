//! Puts a lowered cell into a crate: the entry points the host looks for, then
//! pretty-prints it with prettyplease (which also proves it parses as Rust).
use crate::cell::CellCode;
use kayton_manifest::symbols;

/// The full Rust source of a cell crate.
pub fn cell_crate(cell: &CellCode, fingerprint_expr: &str) -> Result<String, String> {
    let mut src = String::from(
        "#![allow(unused, non_snake_case, unreachable_code, unused_parens, clippy::all)]\n\
         extern crate kayton_api as kayton;\n\
         use kayton::rt::{KErr, KShow, ViaDebug, ViaDisplay, ViaName};\n\n",
    );
    // A generated plugin re-exports its crate; aliasing it puts `::crate::…` in scope.
    for (plugin, krate) in &cell.aliases {
        src.push_str(&format!("extern crate {plugin} as {krate};\n"));
    }
    for item in &cell.items {
        src.push_str(item);
        src.push('\n');
    }
    src.push_str(&format!(
        "fn cell_body(ctx: &kayton::Ctx<'_>) -> Result<(), KErr> {{\n{}Ok(())\n}}\n\
         #[no_mangle]\npub extern \"C\" fn {}(c: *const kayton::KaytonContext) -> i32 {{\n    unsafe {{ kayton::rt::run_cell(c, cell_body) }}\n}}\n{}",
        cell.body,
        symbols::SYM_CELL_MAIN,
        symbols::abi_exports("kayton", fingerprint_expr),
    ));
    let file =
        syn::parse_file(&src).map_err(|e| format!("generated code does not parse: {e}\n{src}"))?;
    Ok(prettyplease::unparse(&file))
}

//! The bundled fonts: a subset of Noto Sans CJK TC (SIL Open Font License 1.1) covering
//! every character of the data and the interface; built by `tools/subset_font.py`.

pub const FONT_REGULAR: &[u8] = include_bytes!("../assets/fonts/NotoSansCJKtc-Regular-subset.otf");
pub const FONT_BOLD: &[u8] = include_bytes!("../assets/fonts/NotoSansCJKtc-Bold-subset.otf");

//! The page's views. Each receives plain data as properties and reports user
//! actions through callbacks; none holds application state.

pub mod banner;
pub mod config_tree;
pub mod editor;
pub mod editor_footer;
pub mod editor_keys;
pub mod file_list;
pub mod file_tabs;
pub mod option_field;
pub mod options_form;
pub mod outputs;
pub mod pane_switch;
pub mod share_panel;
pub mod tablist;
pub mod topbar;
pub mod value_input;

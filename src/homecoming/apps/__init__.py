"""Django apps: one per part of the work (see DESIGN.md section 2)."""

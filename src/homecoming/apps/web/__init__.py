"""The pages shell: home page and dashboards per role, navigation, language switch."""

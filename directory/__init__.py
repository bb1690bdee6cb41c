"""The expertise directory: departments, sections, topics, staff, competences and absences."""

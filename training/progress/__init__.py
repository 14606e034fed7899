"""A cadre's own progress: competency mastery over time, completed courses, study hours."""

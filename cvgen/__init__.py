"""cvgen: one YAML profile -> academic CV (PDF via WeasyPrint or LaTeX) and homepage."""

__version__ = "0.1.0"

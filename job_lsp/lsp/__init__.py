"""The language server: the only layer that knows LSP. Handlers translate LSP to core calls
(job_lsp.validate, complete, hover, format, outline) and back, nothing more."""

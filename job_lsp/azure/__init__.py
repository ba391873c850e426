"""The user's Azure ML workspace, through the Azure CLI (`az ml ...`) as a subprocess: what it
has (computes, environments, data, models, components), cached on disk, and running a job.

Plain data and threads, no LSP. Nothing here is needed for checking a file: without `az` on
PATH, or signed out, every function answers "unknown" and the rest of job-lsp works as it
does without it. azure-ai-ml and the Azure CLI are never imported, only run.

- shapes.py: the JSON the CLI prints, read in one place (with the page each shape is from)
- runner.py: runs `az` with a timeout, never raises
- discover.py: which workspace (settings, `az configure` defaults, an Azure ML config.json)
- cache.py: the on-disk cache per workspace, under the user's cache folder
- provider.py: answers from the cache at once, refreshes in the background
- values.py: completion, hover and `unknown-asset` warnings from what the provider knows
- session.py: which workspace serves a file, one provider each; what the server asks
- run.py: `az ml job create/show/cancel`, statuses in order, the Job entity filled in
"""

-- job-lsp for Neovim 0.11+ (`lsp/` runtime files, as nvim-lspconfig ships them).
-- With this folder on 'runtimepath' (or this file copied to ~/.config/nvim/lsp/job_lsp.lua):
--
--   vim.lsp.config('job_lsp', {
--     settings = { jobLsp = { computeTargets = { 'cpu-cluster' } } },
--   })
--   vim.lsp.enable('job_lsp')
--
-- Formats job files on save unless `vim.g.job_lsp_format_on_save = false`.
-- For Neovim 0.7 to 0.10, use require('job_lsp').setup() from lua/job_lsp/init.lua instead.

---@type vim.lsp.Config
return {
  cmd = { 'job-lsp', 'serve' },
  filetypes = { 'yaml' },
  root_markers = { '.git', 'pyproject.toml' },
  -- Every key spelled out: an empty Lua table would be sent as a JSON list, not an object.
  settings = {
    jobLsp = {
      computeTargets = {},
      environments = {},
      jobFiles = {},
      validate = true,
      diagnosticsDelay = 200,
      format = { enable = true, indent = 2, reorderKeys = true },
      deferToYamlExtension = false,
    },
  },
  on_attach = function(client, bufnr)
    if vim.g.job_lsp_format_on_save == false then
      return
    end
    vim.api.nvim_create_autocmd('BufWritePre', {
      group = vim.api.nvim_create_augroup('job_lsp_format_' .. bufnr, { clear = true }),
      buffer = bufnr,
      desc = 'job-lsp: format on save',
      callback = function()
        vim.lsp.buf.format({ bufnr = bufnr, id = client.id, timeout_ms = 3000 })
      end,
    })
  end,
}

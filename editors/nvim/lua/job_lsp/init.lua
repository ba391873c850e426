-- job-lsp for Neovim: starts `job-lsp serve` for YAML buffers, passes the jobLsp settings and
-- formats job files on save. Works on Neovim 0.7 (Debian 12) through 0.11+ with the built-in
-- client only (no nvim-lspconfig needed):
--
--   vim.opt.runtimepath:append('/path/to/job-lsp/editors/nvim')
--   require('job_lsp').setup({
--     settings = { jobLsp = { computeTargets = { 'cpu-cluster', 'gpu-cluster' } } },
--   })
--
-- On Neovim 0.11+ the same folder also holds lsp/job_lsp.lua, for vim.lsp.enable('job_lsp').

local M = {}

local uv = vim.uv or vim.loop

-- The server's settings with their defaults (docs/server.md: "Settings"). Every key is spelled out:
-- an empty Lua table would be sent as a JSON list, not an object.
local default_settings = {
  jobLsp = {
    computeTargets = {},
    environments = {},
    jobFiles = {},
    validate = true,
    diagnosticsDelay = 200,
    format = { enable = true, indent = 2, reorderKeys = true },
    deferToYamlExtension = false,
  },
}

M.defaults = {
  name = 'job_lsp',
  cmd = { 'job-lsp', 'serve' },
  filetypes = { 'yaml' },
  root_markers = { '.git', 'pyproject.toml' },
  settings = default_settings,
  format_on_save = true,
  format_timeout_ms = 3000,
  on_attach = nil, -- function(client, bufnr), called after ours
}

M.config = vim.deepcopy(M.defaults)

local group = vim.api.nvim_create_augroup('job_lsp', { clear = true })
local clients_by_root = {} -- Neovim 0.7 only: vim.lsp.start (0.8+) reuses clients itself

--- The folder above `path` that holds one of `markers`, or nil.
function M.find_root(path, markers)
  if vim.fs and vim.fs.root then -- 0.10+
    return vim.fs.root(path, markers)
  end
  local dir = vim.fn.fnamemodify(path, ':p:h')
  if vim.fs and vim.fs.find then -- 0.8, 0.9
    local found = vim.fs.find(markers, { path = dir, upward = true })[1]
    return found and vim.fs.dirname(found) or nil
  end
  while true do -- 0.7
    for _, marker in ipairs(markers) do
      if uv.fs_stat(dir .. '/' .. marker) then
        return dir
      end
    end
    local parent = vim.fn.fnamemodify(dir, ':h')
    if parent == dir then
      return nil
    end
    dir = parent
  end
end

--- The job-lsp clients attached to a buffer.
function M.clients(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  if vim.lsp.get_clients then -- 0.10+
    return vim.lsp.get_clients({ bufnr = bufnr, name = M.config.name })
  end
  local out = {}
  for _, client in pairs(vim.lsp.buf_get_clients(bufnr)) do
    if client.name == M.config.name then
      table.insert(out, client)
    end
  end
  return out
end

--- Format a buffer with job-lsp only (other YAML servers attached to it are not asked).
function M.format(bufnr, timeout_ms)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  timeout_ms = timeout_ms or M.config.format_timeout_ms
  if vim.lsp.buf.format then -- 0.8+
    vim.lsp.buf.format({
      bufnr = bufnr,
      timeout_ms = timeout_ms,
      filter = function(client)
        return client.name == M.config.name
      end,
    })
    return
  end
  -- 0.7: vim.lsp.buf.formatting_sync has no filter and works on the current buffer only.
  for _, client in ipairs(M.clients(bufnr)) do
    local params = vim.lsp.util.make_formatting_params()
    params.textDocument = { uri = vim.uri_from_bufnr(bufnr) }
    local response, err = client.request_sync('textDocument/formatting', params, timeout_ms, bufnr)
    if response and response.result then
      vim.lsp.util.apply_text_edits(response.result, bufnr, client.offset_encoding or 'utf-16')
    elseif err then
      vim.notify('job-lsp: formatting failed: ' .. tostring(err), vim.log.levels.WARN)
    end
  end
end

local function on_attach(client, bufnr)
  if M.config.format_on_save then
    vim.api.nvim_clear_autocmds({ group = group, buffer = bufnr, event = 'BufWritePre' })
    vim.api.nvim_create_autocmd('BufWritePre', {
      group = group,
      buffer = bufnr,
      desc = 'job-lsp: format on save',
      callback = function()
        M.format(bufnr)
      end,
    })
  end
  if M.config.on_attach then
    M.config.on_attach(client, bufnr)
  end
end

--- Start job-lsp for a buffer (or attach it to the running client of its folder).
function M.start(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  if vim.bo[bufnr].buftype ~= '' then
    return
  end
  local path = vim.api.nvim_buf_get_name(bufnr)
  if path == '' then
    return
  end
  local cfg = M.config
  local root = M.find_root(path, cfg.root_markers) or vim.fn.fnamemodify(path, ':p:h')
  local client_config = {
    name = cfg.name,
    cmd = cfg.cmd,
    root_dir = root,
    settings = cfg.settings,
    init_options = cfg.settings,
    on_attach = on_attach,
  }
  if vim.lsp.start then -- 0.8+: reuses the client with the same name and root
    vim.lsp.start(client_config, { bufnr = bufnr })
    return
  end
  local id = clients_by_root[root]
  if not id or not vim.lsp.get_client_by_id(id) or vim.lsp.client_is_stopped(id) then
    id = vim.lsp.start_client(client_config)
    if not id then
      return
    end
    clients_by_root[root] = id
  end
  vim.lsp.buf_attach_client(bufnr, id)
end

function M.setup(opts)
  M.config = vim.tbl_deep_extend('force', vim.deepcopy(M.defaults), opts or {})
  vim.api.nvim_clear_autocmds({ group = group })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = M.config.filetypes,
    desc = 'job-lsp: start the language server',
    callback = function(args)
      M.start(args.buf)
    end,
  })
  -- Buffers already open when setup() runs.
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) and vim.tbl_contains(M.config.filetypes, vim.bo[bufnr].filetype) then
      M.start(bufnr)
    end
  end
end

return M

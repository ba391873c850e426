-- Run by tests/test_nvim.py inside `nvim --headless`: opens a broken job file, waits (bounded)
-- for job-lsp's diagnostics, asks for completion, saves (format on save), and writes what
-- Neovim saw to the JSON file named by $JOB_LSP_NVIM_OUT. Always quits.

local out = os.getenv('JOB_LSP_NVIM_OUT')
local job = os.getenv('JOB_LSP_NVIM_JOB')
local client_name = os.getenv('JOB_LSP_NVIM_CLIENT') or 'job_lsp'
local result = { version = tostring(vim.version().major) .. '.' .. vim.version().minor .. '.' .. vim.version().patch }

local function clients(bufnr)
  if vim.lsp.get_clients then
    return vim.lsp.get_clients({ bufnr = bufnr, name = client_name })
  end
  local found = {}
  for _, c in pairs(vim.lsp.buf_get_clients(bufnr)) do
    if c.name == client_name then
      table.insert(found, c)
    end
  end
  return found
end

local function lines(bufnr)
  return vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
end

local function run()
  vim.cmd('edit ' .. vim.fn.fnameescape(job))
  local bufnr = vim.api.nvim_get_current_buf()
  result.filetype = vim.bo[bufnr].filetype
  result.original = lines(bufnr)

  result.attached = vim.wait(20000, function()
    local c = clients(bufnr)[1]
    return c ~= nil and c.initialized == true
  end, 50)
  local client = clients(bufnr)[1]
  if client then
    result.root_dir = client.config.root_dir
  end

  result.got_diagnostics = vim.wait(20000, function()
    return #vim.diagnostic.get(bufnr) > 0
  end, 50)
  result.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(result.diagnostics, {
      lnum = d.lnum,
      col = d.col,
      code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code),
      severity = d.severity,
      message = d.message,
    })
  end

  -- Completion right after `compute: `.
  local row
  for i, line in ipairs(result.original) do
    if line:match('^compute:') then
      row = i - 1
    end
  end
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    position = { line = row, character = #'compute: ' },
  }
  local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/completion', params, 10000) or {}
  result.completion = {}
  for _, response in pairs(responses) do
    local items = response.result and (response.result.items or response.result) or {}
    for _, item in ipairs(items) do
      local text = item.insertText or (item.textEdit and item.textEdit.newText) or item.label
      table.insert(result.completion, { label = item.label, text = text })
    end
  end

  -- Format on save: the BufWritePre autocmd of the setup under test.
  vim.cmd('silent write')
  result.formatted = lines(bufnr)
  result.saved = vim.fn.readfile(job)
end

local ok, err = pcall(run)
result.ok = ok
result.error = ok and nil or tostring(err)
vim.fn.writefile({ vim.json.encode(result) }, out)
vim.cmd('qall!')

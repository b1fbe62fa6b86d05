-- Drives the open French memo as a writer would in Neovim 0.7, and writes what it saw to $POLICY_MEMO_RESULTS
-- (JSON) for test/neovim/neovim.test.ts to check. Every wait is bounded (vim.wait with a predicate).
local expect = vim.json.decode(table.concat(vim.fn.readfile(os.getenv('POLICY_MEMO_EXPECT')), '\n'))
local results = { notified = {} }

local function save()
  local file = assert(io.open(os.getenv('POLICY_MEMO_RESULTS'), 'w'))
  file:write(vim.json.encode(results))
  file:close()
end

-- What Neovim would tell the writer ("No code actions available"...).
vim.notify = function(message) table.insert(results.notified, tostring(message)) end

local function diagnostics_of(rule)
  return vim.tbl_filter(function(d) return d.code == rule end, vim.diagnostic.get(0))
end

local function line_of(pattern)
  for i, text in ipairs(vim.api.nvim_buf_get_lines(0, 0, -1, false)) do
    if text:find(pattern) then return i end
  end
end

local function client()
  local _, attached = next(vim.lsp.buf_get_clients(0))
  return attached
end

local function step(name, run)
  local ok, err = pcall(run)
  if not ok then results[name .. 'Error'] = tostring(err) end
  save()
end

step('attach', function()
  results.attached = vim.wait(expect.timeout, function() return client() ~= nil and client().initialized == true end, 50)
end)

step('diagnostics', function()
  -- The server may publish before the pushed settings arrive: wait for the check in French.
  results.french = vim.wait(expect.timeout, function()
    for _, d in ipairs(diagnostics_of('date-format')) do
      if d.message == expect.dateMessage then return true end
    end
    return false
  end, 50)
  results.diagnostics = vim.tbl_map(function(d)
    return { code = d.code, message = d.message, lnum = d.lnum, col = d.col, end_col = d.end_col }
  end, vim.diagnostic.get(0))
end)

-- vim.lsp.buf.code_action() as a writer runs it: the cursor on the accented line, the request as Neovim
-- builds it (its own copy of the line's diagnostics, in bytes); the choice is made where the writer picks.
local function quick_fix(rule, pattern, column_pattern)
  local line = line_of(pattern)
  local text = vim.api.nvim_buf_get_lines(0, line - 1, line, false)[1]
  vim.api.nvim_win_set_cursor(0, { line, text:find(column_pattern) - 1 })
  local outcome = { line = line, sent = vim.lsp.diagnostic.get_line_diagnostics(0), offered = {} }
  local chosen = false
  vim.ui.select = function(items, _, on_choice)
    local pick
    for i, item in ipairs(items) do
      local action = item[2]
      table.insert(outcome.offered, action.title)
      if not pick and action.kind == 'quickfix' and action.isPreferred then pick = i end
    end
    pick = pick or 1
    outcome.chose = items[pick][2].title
    on_choice(items[pick], pick)
    chosen = true
  end
  local before = #results.notified
  vim.lsp.buf.code_action()
  vim.wait(expect.timeout, function() return chosen or #results.notified > before end, 50)
  outcome.cleared = chosen and vim.wait(expect.timeout, function() return #diagnostics_of(rule) == 0 end, 50)
  outcome.text = vim.api.nvim_buf_get_lines(0, line - 1, line, false)[1]
  results[rule] = outcome
end

step('dateFix', function() quick_fix('date-format', '^date:', '2026') end)
step('typographyFix', function() quick_fix('fr-typography', 'prévues', ':') end)

step('completion', function()
  local line = line_of('^lang:')
  vim.api.nvim_win_set_cursor(0, { line, #'lang: ' })
  local answers = vim.lsp.buf_request_sync(0, 'textDocument/completion', vim.lsp.util.make_position_params(), expect.timeout)
  results.completion = {}
  for _, answer in pairs(answers or {}) do
    local items = answer.result and (answer.result.items or answer.result) or {}
    for _, item in ipairs(items) do table.insert(results.completion, item.label) end
  end
end)

step('hover', function()
  vim.api.nvim_win_set_cursor(0, { line_of('^date:'), 1 })
  local answers = vim.lsp.buf_request_sync(0, 'textDocument/hover', vim.lsp.util.make_position_params(), expect.timeout)
  for _, answer in pairs(answers or {}) do
    if answer.result then results.hover = vim.lsp.util.convert_input_to_markdown_lines(answer.result.contents) end
  end
end)

-- The fixes are saved, so that :qa (the runner's next command) quits.
step('write', function()
  vim.cmd('write')
  results.written = true
  -- A barrier before :qa: the server answers in order, so once this hover is answered it has handled the
  -- save and is idle, and it can end within the half second Neovim 0.7 gives its servers as it quits.
  vim.lsp.buf_request_sync(0, 'textDocument/hover', vim.lsp.util.make_position_params(), expect.timeout)
end)

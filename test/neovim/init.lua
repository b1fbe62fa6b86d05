-- Neovim 0.7's own LSP client, no plugins: README's "Other editors" set-up for Neovim 0.7, as written
-- (test/neovim/neovim.test.ts checks that README shows the same lines), below one test hook.

-- Test hook: write how the server process ended to $POLICY_MEMO_EXIT, for the runner to check.
local start_client = vim.lsp.start_client
vim.lsp.start_client = function(config)
  config.on_exit = function(code, signal)
    local file = assert(io.open(os.getenv('POLICY_MEMO_EXIT'), 'w'))
    file:write(vim.json.encode({ code = code, signal = signal }))
    file:close()
  end
  return start_client(config)
end

-- README: Neovim 0.7 set-up.
local function memo_root(file)
  local dir = vim.fn.fnamemodify(file, ':p:h')
  for _, marker in ipairs({ '.policy-memo', '.git' }) do
    local found = vim.fn.finddir(marker, dir .. ';')
    if found ~= '' then return vim.fn.fnamemodify(found, ':p:h:h') end
  end
  return dir
end

local memo_clients = {}
vim.api.nvim_create_autocmd({ 'BufReadPost', 'BufNewFile' }, {
  pattern = { '*.memo.md', '*.memo.yaml', '*.memo.yml' },
  callback = function(args)
    local root = memo_root(args.file)
    memo_clients[root] = memo_clients[root] or vim.lsp.start_client({
      name = 'policy-memo',
      cmd = { 'policy-memo-language-server', '--stdio' },
      root_dir = root,
      settings = { policyMemo = { locale = 'fr', run = 'onType' } },
      -- init_options = { trusted = true }, -- a workspace you trust: policyMemo.schema applies
      -- Neovim 0.7 does not send the settings by itself (0.8 does).
      on_init = function(client)
        client.notify('workspace/didChangeConfiguration', { settings = client.config.settings })
      end,
    })
    vim.lsp.buf_attach_client(args.buf, memo_clients[root])
  end,
})
-- End of README's set-up.

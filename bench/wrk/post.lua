-- Signed-in people posting comments (bench/run.py). BENCH_POSTERS names a file with one line
-- per person: "<Cookie header value>\t<CSRF token>"; BENCH_ANCHORS one section anchor a line.
-- Every request carries a distinct client_token, so every 302 must be exactly one new comment.
local people = {}
local anchors = {}
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("thread_id", counter)
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(os.getenv("BENCH_POSTERS")) do
    local cookie, token = line:match("^(.-)\t(.+)$")
    if cookie then table.insert(people, { cookie = cookie, token = token }) end
  end
  for line in io.lines(os.getenv("BENCH_ANCHORS")) do
    if line ~= "" then table.insert(anchors, line) end
  end
  n = 0
  statuses = {}
  wrk.method = "POST"
end

local function encode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

run_started = os.time()

function request()
  n = n + 1
  local who = people[(n % #people) + 1]
  -- The run's start time in the token: a second run on the same database (--reuse) must not
  -- send the tokens of the first, which the portal rightly treats as the same comments.
  local token = string.format("bench-%d-%d-%d", run_started, thread_id, n)
  local body = "csrfmiddlewaretoken=" .. who.token
    .. "&section=" .. encode(anchors[(n % #anchors) + 1])
    .. "&client_token=" .. token
    .. "&body=" .. encode("Comentario de carga " .. token .. ": propongo **publicar** los metadatos.")
  local headers = {
    ["Cookie"] = who.cookie,
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }
  return wrk.format("POST", nil, headers, body)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local ok, sent = 0, 0
  for _, thread in ipairs(threads) do
    sent = sent + thread:get("n")
    local s = thread:get("statuses")
    for code, count in pairs(s) do
      if code == 302 then ok = ok + count end
    end
  end
  local e = summary.errors
  local errors = e.connect + e.read + e.write + e.timeout + (summary.requests - ok)
  io.write(string.format(
    'BENCH {"requests": %d, "seconds": %.3f, "p50_ms": %.2f, "p95_ms": %.2f, "ok": %d, "errors": %d, "sent": %d}\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, ok, errors, sent))
end

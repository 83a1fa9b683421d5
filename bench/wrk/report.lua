-- Prints one JSON line with wrk's figures (used by bench/run.py for every measurement).
-- Optional: BENCH_COOKIES names a file of Cookie header values, one a line; requests rotate
-- through them (signed-in readers, each with their own session). Every request accepts gzip.
local cookies = {}
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  local path = os.getenv("BENCH_COOKIES")
  if path and path ~= "" then
    for line in io.lines(path) do
      if line ~= "" then table.insert(cookies, line) end
    end
  end
  n = 0
  statuses = {}
  served = { hit = 0, miss = 0, stale = 0 }  -- X-Page-Cache: how the page cache answered
end

function request()
  n = n + 1
  -- As a browser asks: compressed if the server can (BENCH_IDENTITY=1 asks for plain bytes).
  local headers = {}
  if os.getenv("BENCH_IDENTITY") ~= "1" then headers["Accept-Encoding"] = "gzip, deflate" end
  if #cookies > 0 then headers["Cookie"] = cookies[(n % #cookies) + 1] end
  return wrk.format("GET", nil, headers)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  local how = headers["X-Page-Cache"]
  if how and served[how] then served[how] = served[how] + 1 end
end

function done(summary, latency, requests)
  local ok = 0
  local cache = { hit = 0, miss = 0, stale = 0 }
  for _, thread in ipairs(threads) do
    local s = thread:get("statuses")
    for code, count in pairs(s) do
      if code == 200 then ok = ok + count end
    end
    local c = thread:get("served")
    for how, count in pairs(c) do cache[how] = cache[how] + count end
  end
  local e = summary.errors
  local errors = e.connect + e.read + e.write + e.timeout + (summary.requests - ok)
  io.write(string.format(
    'BENCH {"requests": %d, "seconds": %.3f, "p50_ms": %.2f, "p95_ms": %.2f, "ok": %d, "errors": %d, '
      .. '"cache": {"hit": %d, "miss": %d, "stale": %d}}\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, ok, errors, cache.hit, cache.miss, cache.stale))
end

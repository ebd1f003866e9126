-- wrk's script for scripts/benchmark.py (servers.py's run_wrk): GETs that ask for HTML or, when
-- BENCH_PAGES names page ids, feedback POSTs spread over them; at the end one line of figures.
local pages = os.getenv("BENCH_PAGES")
if pages then
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Accept"] = "application/json"
  local ids = {}
  for id in string.gmatch(pages, "%d+") do ids[#ids + 1] = id end
  local counter = 0
  request = function()
    counter = counter + 1
    local id = ids[(counter % #ids) + 1]
    return wrk.format(nil, nil, nil, '{"page": ' .. id .. ', "helpful": ' ..
      (counter % 3 == 0 and "false" or "true") .. '}')
  end
else
  wrk.headers["Accept"] = "text/html"
end

done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    "BENCH %d %d %d %d %d %d\n",
    summary.requests, summary.duration, errors.status,
    errors.connect + errors.read + errors.write + errors.timeout,
    latency:percentile(50), latency:percentile(99)))
end

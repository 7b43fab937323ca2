-- GET one path, as an anonymous reader or, with SESSIONS set, as signed-in people in
-- turn (each request another session, so no per-person result can be reused).
-- Prints a JSON line with the run's figures at the end (read by bench/load/capacity.py).
local sessions = {}
local path = os.getenv("WRK_PATH") or "/"
local file = os.getenv("WRK_SESSIONS")
if file and file ~= "" then
  for line in io.lines(file) do
    local session, csrf = line:match("^(%S+)%s+(%S+)$")
    if session then sessions[#sessions + 1] = "sessionid=" .. session .. "; csrftoken=" .. csrf end
  end
end

local counter = 0

local threads = {}

function setup(thread)
  thread:set("id", #threads)
  threads[#threads + 1] = thread
end

function request()
  counter = counter + 1
  if #sessions == 0 then
    return wrk.format("GET", path)
  end
  local cookie = sessions[((counter * 7 + id * 13) % #sessions) + 1]
  return wrk.format("GET", path, { ["Cookie"] = cookie })
end



function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests": %d, "duration_us": %d, "socket_errors": %d, "http_errors": %d, "p50_us": %d, "p99_us": %d}\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(99)))
end

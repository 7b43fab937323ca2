-- POST votes or comments as signed-in people (WRK_KIND = "vote" or "comment"). Request n of
-- thread t gets its own number, so every accepted write is one known row: a vote on its
-- own (participant, clause) pair, or a comment whose text carries the number. Each thread
-- counts its redirects (accepted) and other answers; done() prints them as JSON.
local kind = os.getenv("WRK_KIND")
local page = os.getenv("WRK_PAGE")
local version = os.getenv("WRK_VERSION")
local run = os.getenv("WRK_RUN")
local clauses = {}
for c in (os.getenv("WRK_CLAUSES") or ""):gmatch("[^,]+") do clauses[#clauses + 1] = c end
local accounts = {}
for line in io.lines(os.getenv("WRK_SESSIONS")) do
  local session, csrf = line:match("^(%S+)%s+(%S+)$")
  if session then accounts[#accounts + 1] = { session = session, csrf = csrf } end
end
local nthreads = tonumber(os.getenv("WRK_THREADS") or "2")

local threads = {}
function setup(thread)
  thread:set("id", #threads)
  threads[#threads + 1] = thread
end

local counter = 0
function request()
  -- Sequence numbers interleaved across threads: thread t sends t, t + T, t + 2T...
  local n = counter * nthreads + id
  counter = counter + 1
  local account = accounts[(n % #accounts) + 1]
  local clause = clauses[(math.floor(n / #accounts) % #clauses) + 1]
  local headers = {
    ["Cookie"] = "sessionid=" .. account.session .. "; csrftoken=" .. account.csrf,
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }
  local body, path
  if kind == "vote" then
    path = page .. "clauses/" .. clause .. "/vote/"
    body = "choice=" .. ((n % 5) + 1) .. "&version=" .. version
  else
    path = page .. "clauses/" .. clause .. "/discussion/"
    body = "reply_to=&text=Capacity+check+" .. run .. "-" .. n .. "+on+this+clause."
  end
  return wrk.format("POST", path, headers, body .. "&csrfmiddlewaretoken=" .. account.csrf)
end

accepted = 0
refused = 0
function response(status, headers, body)
  if status == 302 then accepted = accepted + 1 else refused = refused + 1 end
end

function done(summary, latency, requests)
  local a, r = 0, 0
  for _, thread in ipairs(threads) do
    a = a + thread:get("accepted")
    r = r + thread:get("refused")
  end
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests": %d, "duration_us": %d, "socket_errors": %d, "http_errors": %d, "p50_us": %d, "p99_us": %d, "accepted": %d, "refused": %d}\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(99), a, r))
end

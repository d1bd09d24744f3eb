--- keys: bucket; args: limit:long, period_us:long, tokens_per_period:long, permits:long
--- returns: array
-- A token bucket kept as one number (GCRA): its theoretical arrival time, the server-clock moment (in microseconds)
-- at which the bucket would be full again. Taking n tokens moves it n intervals later; it may run at most the
-- bucket's capacity ahead of now. Time comes from the server, so clients with skewed clocks share one bucket exactly.
-- Returns {granted (1/0), tokens left, retry after in microseconds, server time in microseconds}; with 0 permits it
-- only reports whether a token is free. The key expires when the bucket would be full, when it says nothing new.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local interval = tonumber(ARGV[2]) / tonumber(ARGV[3])
local burst = tonumber(ARGV[1]) * interval
local permits = tonumber(ARGV[4])
-- Everything is relative to now: absolute microseconds (about 1.8e15) carry a quarter-microsecond of rounding in a
-- double, so comparisons allow one microsecond.
local stored = redis.call('GET', KEYS[1])
local ahead = 0
if stored then
  ahead = math.max(tonumber(stored) - now, 0)
end
local function tokens(room)
  return math.max(0, math.floor((room + 1) / interval))
end
if permits == 0 then
  local free = tokens(burst - ahead)
  if free >= 1 then
    return {1, free, 0, now}
  end
  return {0, 0, math.ceil(ahead + interval - burst), now}
end
local wanted = ahead + permits * interval
if wanted <= burst + 1 then
  redis.call('SET', KEYS[1], string.format('%.3f', now + wanted), 'PX', math.max(1, math.ceil(wanted / 1000)))
  return {1, tokens(burst - wanted), 0, now}
end
return {0, tokens(burst - ahead), math.ceil(wanted - burst), now}

--- keys: window; args: limit:long, window_us:long, permits:long, nonce:string
--- returns: array
-- A sliding window kept as the grants in it: sorted-set members scored by their grant time on the server clock (in
-- microseconds). Grants older than one window leave first; the permits are granted only if the window then has room
-- for all of them, so no window of that length, wherever it starts, ever holds more than the limit. Members are the
-- caller's nonce and an index, unique per request. Returns {granted (1/0), permits left, retry after in microseconds,
-- server time in microseconds}; with 0 permits it only reports whether one is free. The key expires one window after
-- its newest grant, when every grant in it has left the window.
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local permits = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local used = redis.call('ZCARD', KEYS[1])
if permits > 0 and used + permits <= limit then
  for i = 1, permits do
    redis.call('ZADD', KEYS[1], now, ARGV[4] .. ':' .. i)
  end
  redis.call('PEXPIRE', KEYS[1], math.ceil(window / 1000))
  return {1, limit - used - permits, 0, now}
end
if permits == 0 and used < limit then
  return {1, limit - used, 0, now}
end
-- Enough permits are free once the grant that many places from the oldest leaves the window.
local need = used + math.max(permits, 1) - limit
local entry = redis.call('ZRANGE', KEYS[1], need - 1, need - 1, 'WITHSCORES')
return {0, math.max(0, limit - used), tonumber(entry[2]) + window - now, now}

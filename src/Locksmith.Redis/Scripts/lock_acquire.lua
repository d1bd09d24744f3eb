--- keys: lock, fence; args: owner:string, ttl_ms:long, fencing:long, fence_ttl_ms:long
--- returns: integer
-- Takes the lock when free, in one round trip. Returns the fencing token (0 without fencing) when acquired, or, when
-- another owner holds it, -1 minus the milliseconds it still has to live, so a waiter knows when expiry could free it.
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  if ARGV[3] ~= '1' then
    return 0
  end
  -- A new counter starts at the server clock in microseconds: after an idle counter expired, tokens still rise above
  -- every token it handed out (fewer than one acquisition per microsecond can have happened since).
  if redis.call('EXISTS', KEYS[2]) == 0 then
    local now = redis.call('TIME')
    redis.call('SET', KEYS[2], string.format('%d%06d', now[1], now[2]))
  end
  local token = redis.call('INCR', KEYS[2])
  redis.call('PEXPIRE', KEYS[2], ARGV[4])
  return token
end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  ttl = 0
end
return -1 - ttl

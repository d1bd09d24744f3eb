--- keys: lock, fence; args: token:string, ttl_ms:long, fencing:long
--- returns: integer?
-- Takes the lock if free; with fencing, mints the next token. Returns the token (0 without fencing), or nil when held.
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  if tonumber(ARGV[3]) == 1 then
    return redis.call('INCR', KEYS[2])
  end
  return 0
end
return nil

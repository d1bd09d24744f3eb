--- keys: writer, intent, upgrader; args: owner:string, ttl_ms:long
--- returns: integer
-- Takes the key's one upgradeable read hold: beside plain readers, but not beside a writer, a waiting writer (intent) or
-- another upgradeable reader. Returns 0 when granted, or -1 minus the milliseconds until what blocks it expires.
for i = 1, 3 do
  local blocked = redis.call('PTTL', KEYS[i])
  if blocked >= 0 then
    return -1 - blocked
  end
end
redis.call('SET', KEYS[3], ARGV[1], 'PX', ARGV[2])
return 0

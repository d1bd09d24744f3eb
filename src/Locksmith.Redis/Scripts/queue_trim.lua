--- keys: stream; args: retention_ms:long
--- returns: integer
-- Trims entries older than the retention, but never one a consumer group has not acknowledged: the cut stops at the
-- oldest pending entry and at the last entry delivered of every group, whichever is older. A stream no group reads yet is left whole.
-- Returns how many entries were removed.
local function parse(id)
  local dash = string.find(id, '-', 1, true)
  return tonumber(string.sub(id, 1, dash - 1)), tonumber(string.sub(id, dash + 1))
end
local function older(a, b)
  local am, as = parse(a)
  local bm, bs = parse(b)
  return am < bm or (am == bm and as < bs)
end
local groups = redis.call('XINFO', 'GROUPS', KEYS[1])
if #groups == 0 then
  return 0
end
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local cut = string.format('%d-0', now - tonumber(ARGV[1]))
for _, group in ipairs(groups) do
  local info = {}
  for i = 1, #group, 2 do
    info[group[i]] = group[i + 1]
  end
  -- After a replay the last-delivered id is behind entries still pending: keep from the older of the two.
  local keep = info['last-delivered-id']
  if tonumber(info['pending']) > 0 then
    local oldest = redis.call('XPENDING', KEYS[1], info['name'])[2]
    if older(oldest, keep) then
      keep = oldest
    end
  end
  if older(keep, cut) then
    cut = keep
  end
end
return redis.call('XTRIM', KEYS[1], 'MINID', cut)

-- wrk script: POST /api/v1/kyc/initiate with a new externalUserId per request (KEY from the environment).
local counter = 0
local thread_id = 0
function setup(thread)
  thread_id = thread_id + 1
  thread:set("tid", thread_id)
end
function init(args)
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["X-API-Key"] = os.getenv("KEY")
end
function request()
  counter = counter + 1
  return wrk.format(nil, nil, nil, '{"externalUserId":"bench-' .. tid .. '-' .. counter .. '"}')
end

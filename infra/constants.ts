/** The scrub function's memory (MB) unless `memorySize` says otherwise; Lambda's CPU share scales with it. The bench prices its duration at this size. */
export const SCRUB_FUNCTION_MEMORY_MB = 512;

/** Service name (the Powertools logger's) of the load-code-data function. */
export const LOAD_SERVICE_NAME = 'load-code-data';

/** The network-interface actions of AWSLambdaVPCAccessExecutionRole; EC2 takes no narrower resource for Lambda's use. */
export const VPC_ENI_ACTIONS = [
  'ec2:CreateNetworkInterface',
  'ec2:DescribeNetworkInterfaces',
  'ec2:DescribeSubnets',
  'ec2:DeleteNetworkInterface',
  'ec2:AssignPrivateIpAddresses',
  'ec2:UnassignPrivateIpAddresses',
] as const;

// What a set of IAM permissions lets its holder do that a reviewer must know about, kept as data:
// the publicly catalogued privilege-escalation methods (each with where it is documented) and the
// actions behind data exfiltration, credentials exposure and infrastructure changes. Resource
// exposure is taken from AWS's own access level ("Permissions management"), not listed here.

export type EscalationMethod = {
  /** Stable id; pathfinding.cloud's path id where it catalogues the method. */
  id: string;
  /** Every action the method needs (all of them, on any resource). */
  actions: readonly string[];
  /** What the holder does with them, in one line. */
  how: string;
  /** Where the method is documented. */
  source: string;
};

const PATHFINDING = (id: string) => `https://pathfinding.cloud/paths/${id}`;
const RHINO = 'https://rhinosecuritylabs.com/aws/aws-privilege-escalation-methods-mitigation/';
const RHINO_CODESTAR = 'https://rhinosecuritylabs.com/aws/escalating-aws-iam-privileges-undocumented-codestar-api/';
const BISHOP_FOX = 'https://github.com/BishopFox/iam-vulnerable';
const HACKTRICKS = (page: string) => `https://cloud.hacktricks.wiki/en/pentesting-cloud/aws-security/aws-privilege-escalation/${page}/index.html`;

const m = (id: string, actions: string[], how: string, source: string = PATHFINDING(id)): EscalationMethod => ({ id, actions, how, source });

export const ESCALATION_METHODS: readonly EscalationMethod[] = [
  // IAM: changing one's own or another identity's permissions or credentials.
  m('iam-001', ['iam:CreatePolicyVersion'], 'writes a new default version of a managed policy it holds'),
  m('iam-002', ['iam:SetDefaultPolicyVersion'], 'switches a managed policy to a more permissive old version'),
  m('iam-003', ['iam:CreatePolicyVersion', 'iam:SetDefaultPolicyVersion'], 'writes and activates a new policy version'),
  m('iam-004', ['iam:CreateAccessKey'], 'creates access keys for another (administrator) user'),
  m('iam-005', ['iam:CreateLoginProfile'], 'gives another user a console password it knows'),
  m('iam-006', ['iam:UpdateLoginProfile'], "changes another user's console password"),
  m('iam-007', ['iam:AttachUserPolicy'], 'attaches AdministratorAccess to a user'),
  m('iam-008', ['iam:AttachGroupPolicy'], 'attaches AdministratorAccess to its group'),
  m('iam-009', ['iam:AttachRolePolicy'], 'attaches AdministratorAccess to a role it can assume'),
  m('iam-010', ['iam:PutUserPolicy'], 'writes an inline administrator policy on a user'),
  m('iam-011', ['iam:PutGroupPolicy'], 'writes an inline administrator policy on its group'),
  m('iam-012', ['iam:PutRolePolicy'], 'writes an inline administrator policy on a role it can assume'),
  m('iam-013', ['iam:AddUserToGroup'], 'adds itself to an administrators group'),
  m('iam-014', ['iam:UpdateAssumeRolePolicy'], 'rewrites the trust policy of an administrator role to trust itself'),
  m('iam-015', ['iam:CreateUser', 'iam:CreateAccessKey'], 'creates a user and keys for it'),
  m('iam-016', ['iam:CreateUser', 'iam:AddUserToGroup'], 'creates a user and puts it in an administrators group'),
  m('iam-017', ['iam:CreateUser', 'iam:AttachUserPolicy'], 'creates a user and attaches AdministratorAccess'),
  m('iam-018', ['iam:CreateUser', 'iam:PutUserPolicy'], 'creates a user with an inline administrator policy'),
  m('iam-019', ['iam:AttachRolePolicy', 'iam:UpdateAssumeRolePolicy'], 'makes a role trust itself and attaches AdministratorAccess to it'),
  m('iam-020', ['iam:CreatePolicyVersion', 'iam:UpdateAssumeRolePolicy'], 'rewrites a role policy and makes the role trust itself'),
  m('iam-021', ['iam:PutRolePolicy', 'iam:UpdateAssumeRolePolicy'], 'writes an administrator policy on a role and makes it trust itself'),
  m('iam-delete-user-boundary', ['iam:DeleteUserPermissionsBoundary'], 'removes the permissions boundary that limits a user', HACKTRICKS('aws-iam-privesc')),
  m('iam-delete-role-boundary', ['iam:DeleteRolePermissionsBoundary'], 'removes the permissions boundary that limits a role', HACKTRICKS('aws-iam-privesc')),
  m('iam-put-user-boundary', ['iam:PutUserPermissionsBoundary'], 'replaces a user\'s permissions boundary with a permissive one', HACKTRICKS('aws-iam-privesc')),
  m('iam-put-role-boundary', ['iam:PutRolePermissionsBoundary'], 'replaces a role\'s permissions boundary with a permissive one', HACKTRICKS('aws-iam-privesc')),
  m('sts-001', ['sts:AssumeRole'], 'assumes any role whose trust policy names its account'),
  // Compute started with a role passed to it: the holder runs code as that role.
  m('ec2-001', ['iam:PassRole', 'ec2:RunInstances'], 'starts an instance with an administrator instance profile'),
  m('ec2-002', ['ec2:ModifyInstanceAttribute', 'ec2:StopInstances', 'ec2:StartInstances'], 'replaces the user data of an instance that has a powerful role'),
  m('ec2-003', ['iam:PassRole', 'ec2:RequestSpotInstances'], 'requests a Spot instance with an administrator instance profile'),
  m('ec2-004', ['ec2:CreateLaunchTemplateVersion', 'ec2:ModifyLaunchTemplate'], 'changes the launch template (user data) of instances with a powerful role'),
  m('ec2-associate-profile', ['iam:PassRole', 'ec2:AssociateIamInstanceProfile'], 'attaches an administrator instance profile to an instance it controls', BISHOP_FOX),
  m('ec2-replace-profile', ['iam:PassRole', 'ec2:ReplaceIamInstanceProfileAssociation'], 'swaps in an administrator instance profile on an instance it controls', HACKTRICKS('aws-ec2-privesc')),
  m('autoscaling-launch-configuration', ['iam:PassRole', 'autoscaling:CreateLaunchConfiguration', 'autoscaling:CreateAutoScalingGroup'], 'starts instances with an administrator profile through an Auto Scaling group', HACKTRICKS('aws-ec2-privesc')),
  m('autoscaling-launch-template', ['iam:PassRole', 'ec2:CreateLaunchTemplate', 'autoscaling:CreateAutoScalingGroup'], 'starts instances with an administrator profile from a new launch template', HACKTRICKS('aws-ec2-privesc')),
  m('ec2instanceconnect-003', ['ec2-instance-connect:SendSSHPublicKey', 'ec2:DescribeInstances'], 'logs in to an instance with a powerful role'),
  m('ssm-001', ['ssm:StartSession'], 'opens a shell on an instance with a powerful role'),
  m('ssm-002', ['ssm:SendCommand'], 'runs commands on an instance with a powerful role'),
  m('lambda-001', ['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'], 'creates a function with an administrator role and invokes it'),
  m('lambda-002', ['iam:PassRole', 'lambda:CreateFunction', 'lambda:CreateEventSourceMapping'], 'creates a function with an administrator role triggered by a stream'),
  m('lambda-003', ['lambda:UpdateFunctionCode'], 'replaces the code of a function with a powerful role'),
  m('lambda-004', ['lambda:UpdateFunctionCode', 'lambda:InvokeFunction'], 'replaces the code of a function with a powerful role and invokes it'),
  m('lambda-005', ['lambda:UpdateFunctionCode', 'lambda:AddPermission'], 'replaces the code of a function with a powerful role and lets itself invoke it'),
  m('lambda-006', ['iam:PassRole', 'lambda:CreateFunction', 'lambda:AddPermission'], 'creates a function with an administrator role and lets itself invoke it'),
  m('lambda-update-configuration', ['iam:PassRole', 'lambda:UpdateFunctionConfiguration'], 'gives a function it can trigger an administrator role (or a layer of its own)', HACKTRICKS('aws-lambda-privesc')),
  m('glue-001', ['iam:PassRole', 'glue:CreateDevEndpoint'], 'creates a Glue development endpoint with an administrator role and logs in to it'),
  m('glue-002', ['glue:UpdateDevEndpoint'], 'puts its SSH key on a development endpoint with a powerful role'),
  m('glue-create-job', ['iam:PassRole', 'glue:CreateJob', 'glue:StartJobRun'], 'creates and runs a Glue job as an administrator role', HACKTRICKS('aws-glue-privesc')),
  m('glue-update-job', ['iam:PassRole', 'glue:UpdateJob', 'glue:StartJobRun'], 'changes the script and role of a Glue job and runs it', HACKTRICKS('aws-glue-privesc')),
  m('cloudformation-001', ['iam:PassRole', 'cloudformation:CreateStack'], 'creates a stack whose template runs as an administrator role'),
  m('cloudformation-002', ['cloudformation:UpdateStack'], 'changes the template of a stack that runs as a powerful role'),
  m('cloudformation-003', ['iam:PassRole', 'cloudformation:CreateStackSet', 'cloudformation:CreateStackInstances'], 'creates a StackSet that runs as an administrator role'),
  m('cloudformation-004', ['iam:PassRole', 'cloudformation:UpdateStackSet'], 'changes a StackSet to run as an administrator role'),
  m('cloudformation-005', ['cloudformation:CreateChangeSet', 'cloudformation:ExecuteChangeSet'], 'applies a change set to a stack that runs as a powerful role'),
  m('datapipeline-001', ['iam:PassRole', 'datapipeline:CreatePipeline', 'datapipeline:PutPipelineDefinition', 'datapipeline:ActivatePipeline'], 'runs a Data Pipeline activity as an administrator role'),
  m('codebuild-001', ['iam:PassRole', 'codebuild:CreateProject', 'codebuild:StartBuild'], 'creates a CodeBuild project with an administrator role and builds it'),
  m('codebuild-002', ['codebuild:StartBuild'], 'overrides the buildspec of a project with a powerful role'),
  m('codebuild-003', ['codebuild:StartBuildBatch'], 'overrides the buildspec of a batch build with a powerful role'),
  m('codebuild-004', ['iam:PassRole', 'codebuild:CreateProject', 'codebuild:StartBuildBatch'], 'creates a CodeBuild batch project with an administrator role and builds it'),
  m('codebuild-update-project', ['iam:PassRole', 'codebuild:UpdateProject', 'codebuild:StartBuild'], 'gives a CodeBuild project an administrator role and builds it', HACKTRICKS('aws-codebuild-privesc')),
  m('codestar-create-project', ['iam:PassRole', 'codestar:CreateProject'], 'creates a CodeStar project whose template runs as a passed role', RHINO_CODESTAR),
  m('codestar-associate-team-member', ['codestar:CreateProject', 'codestar:AssociateTeamMember'], 'makes itself owner of a new CodeStar project and gets its IAM policy', RHINO_CODESTAR),
  m('ecs-001', ['iam:PassRole', 'ecs:CreateCluster', 'ecs:RegisterTaskDefinition', 'ecs:CreateService'], 'creates a cluster and a service whose task runs as an administrator role'),
  m('ecs-002', ['iam:PassRole', 'ecs:CreateCluster', 'ecs:RegisterTaskDefinition', 'ecs:RunTask'], 'creates a cluster and runs a task as an administrator role'),
  m('ecs-003', ['iam:PassRole', 'ecs:RegisterTaskDefinition', 'ecs:CreateService'], 'creates a service whose task runs as an administrator role'),
  m('ecs-004', ['iam:PassRole', 'ecs:RegisterTaskDefinition', 'ecs:RunTask'], 'runs a task as an administrator role'),
  m('ecs-005', ['iam:PassRole', 'ecs:RegisterTaskDefinition', 'ecs:StartTask'], 'starts a task as an administrator role'),
  m('ecs-update-service', ['iam:PassRole', 'ecs:RegisterTaskDefinition', 'ecs:UpdateService'], 'points a running service at a task definition with an administrator role', HACKTRICKS('aws-ecs-privesc')),
  m('ecs-execute-command', ['ecs:ExecuteCommand', 'ecs:DescribeTasks'], 'opens a shell in a running container with a powerful task role', HACKTRICKS('aws-ecs-privesc')),
  m('apprunner-001', ['iam:PassRole', 'apprunner:CreateService'], 'creates an App Runner service with an administrator instance role'),
  m('apprunner-002', ['apprunner:UpdateService'], 'changes the image or code of an App Runner service with a powerful role'),
  // SageMaker, the ML paths.
  m('sagemaker-001', ['iam:PassRole', 'sagemaker:CreateNotebookInstance'], 'creates a notebook with an administrator execution role'),
  m('sagemaker-notebook-presigned', ['iam:PassRole', 'sagemaker:CreateNotebookInstance', 'sagemaker:CreatePresignedNotebookInstanceUrl'], 'creates a notebook with an administrator role and opens it in a browser', RHINO),
  m('sagemaker-002', ['iam:PassRole', 'sagemaker:CreateTrainingJob'], 'runs a training container as an administrator role'),
  m('sagemaker-003', ['iam:PassRole', 'sagemaker:CreateProcessingJob'], 'runs a processing container as an administrator role'),
  m('sagemaker-tuning-job', ['iam:PassRole', 'sagemaker:CreateHyperParameterTuningJob'], 'runs training containers of a tuning job as an administrator role', HACKTRICKS('aws-sagemaker-privesc')),
  m('sagemaker-004', ['sagemaker:CreatePresignedNotebookInstanceUrl'], 'opens the Jupyter of an existing notebook that runs as a powerful role'),
  m('sagemaker-005', ['sagemaker:CreateNotebookInstanceLifecycleConfig', 'sagemaker:StopNotebookInstance', 'sagemaker:UpdateNotebookInstance', 'sagemaker:StartNotebookInstance'], 'injects a lifecycle script into a notebook with a powerful role'),
  m('sagemaker-presigned-domain-url', ['sagemaker:CreatePresignedDomainUrl'], 'opens the Studio of another user profile, with its execution role', HACKTRICKS('aws-sagemaker-privesc')),
  m('bedrock-001', ['iam:PassRole', 'bedrock-agentcore:CreateCodeInterpreter', 'bedrock-agentcore:StartCodeInterpreterSession', 'bedrock-agentcore:InvokeCodeInterpreter'], 'runs code in a Bedrock code interpreter with an administrator role'),
  m('bedrock-002', ['bedrock-agentcore:StartCodeInterpreterSession', 'bedrock-agentcore:InvokeCodeInterpreter'], 'runs code in an existing code interpreter with a powerful role'),
];

/** Credentials the holder can create for itself or a user it controls: harmless on its own user. */
export const SELF_SERVICE_ACTIONS: ReadonlySet<string> = new Set(['iam:createaccesskey', 'iam:createloginprofile', 'iam:updateloginprofile']);

/** Actions that read the data a workload holds: on every resource, a way to take it out. */
export const DATA_EXFILTRATION_ACTIONS = [
  's3:GetObject',
  's3:GetObjectVersion',
  'kms:Decrypt',
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:Scan',
  'dynamodb:ExportTableToPointInTime',
  'rds:CreateDBSnapshot',
  'rds:ModifyDBSnapshotAttribute',
  'ec2:CreateSnapshot',
  'ec2:ModifySnapshotAttribute',
  'ebs:GetSnapshotBlock',
  'athena:GetQueryResults',
  'sagemaker:CreatePresignedDomainUrl',
  'kinesis:GetRecords',
  'sqs:ReceiveMessage',
] as const;

/** Actions that hand out secrets or credentials. */
export const CREDENTIALS_EXPOSURE_ACTIONS = [
  'secretsmanager:GetSecretValue',
  'secretsmanager:BatchGetSecretValue',
  'ssm:GetParameter',
  'ssm:GetParameters',
  'ssm:GetParametersByPath',
  'ssm:GetParameterHistory',
  'ecr:GetAuthorizationToken',
  'redshift:GetClusterCredentials',
  'redshift:GetClusterCredentialsWithIAM',
  'redshift-serverless:GetCredentials',
  'rds-db:Connect',
  'ec2:GetPasswordData',
  'iam:CreateAccessKey',
  'iam:CreateServiceSpecificCredential',
  'iam:ResetServiceSpecificCredential',
  'sts:GetFederationToken',
  'cognito-identity:GetCredentialsForIdentity',
  'lightsail:GetInstanceAccessDetails',
  'codeartifact:GetAuthorizationToken',
  'sagemaker:CreatePresignedNotebookInstanceUrl',
] as const;

/** Services whose Write actions change the running infrastructure (network, compute, logging, ML). */
export const INFRASTRUCTURE_SERVICES: ReadonlySet<string> = new Set([
  'ec2', 'elasticloadbalancing', 'autoscaling', 'cloudformation', 'lambda', 'ecs', 'eks', 'rds', 'route53',
  'cloudtrail', 'config', 'guardduty', 'securityhub', 'logs', 'kms', 'sagemaker', 'glue', 'apigateway', 'cloudfront', 'wafv2', 'network-firewall',
]);

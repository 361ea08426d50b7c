export type Json = string | number | boolean | null | { [key: string]: Json | undefined } | Json[]

export type Database = {
  
  "public": {
          Tables: {
            "ai_analyses": {
                  Row: {
                    "analyzer": string,"answer": string | null,"completion_tokens": number | null,"created_at": string,"environment_id": string | null,"error": string | null,"execution_id": string | null,"findings": NonNullable<Json>,"finished_at": string | null,"flow_template_id": string | null,"id": string,"kind": string,"model": string | null,"node_id": string | null,"organization_id": string,"project_id": string,"prompt": Json | null,"prompt_tokens": number | null,"requested_by": string | null,"status": string,"total_tokens": number | null
                  }
                  ComputedFields: never
                  Insert: {
                    "analyzer": string,"answer"?: string | null,"completion_tokens"?: number | null,"created_at"?: string,"environment_id"?: string | null,"error"?: string | null,"execution_id"?: string | null,"findings"?: NonNullable<Json>,"finished_at"?: string | null,"flow_template_id"?: string | null,"id"?: string,"kind"?: string,"model"?: string | null,"node_id"?: string | null,"organization_id": string,"project_id": string,"prompt"?: Json | null,"prompt_tokens"?: number | null,"requested_by"?: string | null,"status"?: string,"total_tokens"?: number | null
                  }
                  Update: {
                    "analyzer"?: string,"answer"?: string | null,"completion_tokens"?: number | null,"created_at"?: string,"environment_id"?: string | null,"error"?: string | null,"execution_id"?: string | null,"findings"?: NonNullable<Json>,"finished_at"?: string | null,"flow_template_id"?: string | null,"id"?: string,"kind"?: string,"model"?: string | null,"node_id"?: string | null,"organization_id"?: string,"project_id"?: string,"prompt"?: Json | null,"prompt_tokens"?: number | null,"requested_by"?: string | null,"status"?: string,"total_tokens"?: number | null
                  }
                  Relationships: [
                    {
      foreignKeyName: "ai_analyses_environment_id_fkey"
      columns: ["environment_id"]
isOneToOne: false
      referencedRelation: "environments"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "ai_analyses_execution_id_fkey"
      columns: ["execution_id"]
isOneToOne: false
      referencedRelation: "executions"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "ai_analyses_flow_template_id_fkey"
      columns: ["flow_template_id"]
isOneToOne: false
      referencedRelation: "flow_templates"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "ai_analyses_organization_id_fkey"
      columns: ["organization_id"]
isOneToOne: false
      referencedRelation: "organizations"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "ai_analyses_project_id_fkey"
      columns: ["project_id"]
isOneToOne: false
      referencedRelation: "projects"
      referencedColumns: ["id"]
    }
                  ]
                },"approval_link_uses": {
                  Row: {
                    "approval_request_id": string,"decision": Database["public"]['Enums']["approval_vote"],"message": string | null,"nonce": string,"outcome": string,"project_id": string,"used_at": string,"user_id": string
                  }
                  ComputedFields: never
                  Insert: {
                    "approval_request_id": string,"decision": Database["public"]['Enums']["approval_vote"],"message"?: string | null,"nonce": string,"outcome": string,"project_id": string,"used_at"?: string,"user_id": string
                  }
                  Update: {
                    "approval_request_id"?: string,"decision"?: Database["public"]['Enums']["approval_vote"],"message"?: string | null,"nonce"?: string,"outcome"?: string,"project_id"?: string,"used_at"?: string,"user_id"?: string
                  }
                  Relationships: [
                    {
      foreignKeyName: "approval_link_uses_approval_request_id_fkey"
      columns: ["approval_request_id"]
isOneToOne: false
      referencedRelation: "approval_requests"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "approval_link_uses_project_id_fkey"
      columns: ["project_id"]
isOneToOne: false
      referencedRelation: "projects"
      referencedColumns: ["id"]
    }
                  ]
                },"approval_policy_rules": {
                  Row: {
                    "id": string,"level": number,"name": string,"policy_version_id": string,"position": number,"project_id": string,"required": number,"role": Database["public"]['Enums']["app_role"] | null,"team_id": string | null,"user_ids": (string)[] | null
                  }
                  ComputedFields: never
                  Insert: {
                    "id"?: string,"level": number,"name": string,"policy_version_id": string,"position": number,"project_id": string,"required": number,"role"?: Database["public"]['Enums']["app_role"] | null,"team_id"?: string | null,"user_ids"?: (string)[] | null
                  }
                  Update: {
                    "id"?: string,"level"?: number,"name"?: string,"policy_version_id"?: string,"position"?: number,"project_id"?: string,"required"?: number,"role"?: Database["public"]['Enums']["app_role"] | null,"team_id"?: string | null,"user_ids"?: (string)[] | null
                  }
                  Relationships: [
                    {
      foreignKeyName: "approval_policy_rules_policy_version_id_project_id_fkey"
      columns: ["policy_version_id","project_id"]
isOneToOne: false
      referencedRelation: "approval_policy_versions"
      referencedColumns: ["id","project_id"]
    }
                  ]
                },"approval_policy_versions": {
                  Row: {
                    "active": boolean,"change_reason": string,"created_at": string,"created_by": string | null,"environment_id": string,"expires_after": string | null,"forbid_commit_author": boolean,"forbid_starter": boolean,"id": string,"organization_id": string,"project_id": string,"require_impact": boolean,"require_ticket": boolean,"version": number
                  }
                  ComputedFields: never
                  Insert: {
                    "active"?: boolean,"change_reason": string,"created_at"?: string,"created_by"?: string | null,"environment_id": string,"expires_after"?: string | null,"forbid_commit_author"?: boolean,"forbid_starter"?: boolean,"id"?: string,"organization_id": string,"project_id": string,"require_impact"?: boolean,"require_ticket"?: boolean,"version": number
                  }
                  Update: {
                    "active"?: boolean,"change_reason"?: string,"created_at"?: string,"created_by"?: string | null,"environment_id"?: string,"expires_after"?: string | null,"forbid_commit_author"?: boolean,"forbid_starter"?: boolean,"id"?: string,"organization_id"?: string,"project_id"?: string,"require_impact"?: boolean,"require_ticket"?: boolean,"version"?: number
                  }
                  Relationships: [
                    {
      foreignKeyName: "approval_policy_versions_environment_id_project_id_fkey"
      columns: ["environment_id","project_id"]
isOneToOne: false
      referencedRelation: "environments"
      referencedColumns: ["id","project_id"]
    }
                  ]
                },"approval_requests": {
                  Row: {
                    "allow_self_approval": boolean,"allowed_roles": (Database["public"]['Enums']["app_role"])[],"approval_count": number,"created_at": string,"current_level": number | null,"environment_id": string | null,"execution_id": string,"expires_at": string | null,"id": string,"node_id": string,"policy_version_id": string | null,"project_id": string,"requested_by": string | null,"required_approvals": number,"resolved_at": string | null,"status": Database["public"]['Enums']["approval_status"],"title": string | null,"updated_at": string,"waiting_for": string | null
                  }
                  ComputedFields: never
                  Insert: {
                    "allow_self_approval"?: boolean,"allowed_roles"?: (Database["public"]['Enums']["app_role"])[],"approval_count"?: number,"created_at"?: string,"current_level"?: number | null,"environment_id"?: string | null,"execution_id": string,"expires_at"?: string | null,"id"?: string,"node_id": string,"policy_version_id"?: string | null,"project_id": string,"requested_by"?: string | null,"required_approvals"?: number,"resolved_at"?: string | null,"status"?: Database["public"]['Enums']["approval_status"],"title"?: string | null,"updated_at"?: string,"waiting_for"?: string | null
                  }
                  Update: {
                    "allow_self_approval"?: boolean,"allowed_roles"?: (Database["public"]['Enums']["app_role"])[],"approval_count"?: number,"created_at"?: string,"current_level"?: number | null,"environment_id"?: string | null,"execution_id"?: string,"expires_at"?: string | null,"id"?: string,"node_id"?: string,"policy_version_id"?: string | null,"project_id"?: string,"requested_by"?: string | null,"required_approvals"?: number,"resolved_at"?: string | null,"status"?: Database["public"]['Enums']["approval_status"],"title"?: string | null,"updated_at"?: string,"waiting_for"?: string | null
                  }
                  Relationships: [
                    {
      foreignKeyName: "approval_requests_environment_id_project_id_fkey"
      columns: ["environment_id","project_id"]
isOneToOne: false
      referencedRelation: "environments"
      referencedColumns: ["id","project_id"]
    },{
      foreignKeyName: "approval_requests_execution_id_fkey"
      columns: ["execution_id"]
isOneToOne: false
      referencedRelation: "executions"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "approval_requests_policy_version_id_fkey"
      columns: ["policy_version_id"]
isOneToOne: false
      referencedRelation: "approval_policy_versions"
      referencedColumns: ["id"]
    }
                  ]
                },"approval_votes": {
                  Row: {
                    "approval_request_id": string,"comment": string | null,"created_at": string,"id": string,"impact_notes": string | null,"level": number | null,"project_id": string,"rule_id": string | null,"ticket_id": string | null,"user_id": string,"vote": Database["public"]['Enums']["approval_vote"]
                  }
                  ComputedFields: never
                  Insert: {
                    "approval_request_id": string,"comment"?: string | null,"created_at"?: string,"id"?: string,"impact_notes"?: string | null,"level"?: number | null,"project_id": string,"rule_id"?: string | null,"ticket_id"?: string | null,"user_id"?: string,"vote": Database["public"]['Enums']["approval_vote"]
                  }
                  Update: {
                    "approval_request_id"?: string,"comment"?: string | null,"created_at"?: string,"id"?: string,"impact_notes"?: string | null,"level"?: number | null,"project_id"?: string,"rule_id"?: string | null,"ticket_id"?: string | null,"user_id"?: string,"vote"?: Database["public"]['Enums']["approval_vote"]
                  }
                  Relationships: [
                    {
      foreignKeyName: "approval_votes_approval_request_id_fkey"
      columns: ["approval_request_id"]
isOneToOne: false
      referencedRelation: "approval_requests"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "approval_votes_rule_id_fkey"
      columns: ["rule_id"]
isOneToOne: false
      referencedRelation: "approval_policy_rules"
      referencedColumns: ["id"]
    }
                  ]
                },"artifacts": {
                  Row: {
                    "created_at": string,"digest": string | null,"ecosystem": string | null,"execution_id": string | null,"id": string,"image_digest": string | null,"metadata": NonNullable<Json>,"name": string,"node_id": string | null,"project_id": string,"registry_url": string | null,"size_bytes": number | null
                  }
                  ComputedFields: never
                  Insert: {
                    "created_at"?: string,"digest"?: string | null,"ecosystem"?: string | null,"execution_id"?: string | null,"id"?: string,"image_digest"?: string | null,"metadata"?: NonNullable<Json>,"name": string,"node_id"?: string | null,"project_id": string,"registry_url"?: string | null,"size_bytes"?: number | null
                  }
                  Update: {
                    "created_at"?: string,"digest"?: string | null,"ecosystem"?: string | null,"execution_id"?: string | null,"id"?: string,"image_digest"?: string | null,"metadata"?: NonNullable<Json>,"name"?: string,"node_id"?: string | null,"project_id"?: string,"registry_url"?: string | null,"size_bytes"?: number | null
                  }
                  Relationships: [
                    {
      foreignKeyName: "artifacts_execution_id_fkey"
      columns: ["execution_id"]
isOneToOne: false
      referencedRelation: "executions"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "artifacts_node_fkey"
      columns: ["execution_id","node_id"]
isOneToOne: false
      referencedRelation: "execution_nodes"
      referencedColumns: ["execution_id","node_id"]
    },{
      foreignKeyName: "artifacts_project_id_fkey"
      columns: ["project_id"]
isOneToOne: false
      referencedRelation: "projects"
      referencedColumns: ["id"]
    }
                  ]
                },"audit_logs": {
                  Row: {
                    "action": string,"actor_role": string,"after": Json | null,"before": Json | null,"created_at": string,"details": NonNullable<Json>,"hash": string,"id": number,"organization_id": string | null,"prev_hash": string | null,"project_id": string | null,"resource_id": string | null,"resource_type": string,"user_id": string | null
                  }
                  ComputedFields: never
                  Insert: {
                    "action": string,"actor_role"?: string,"after"?: Json | null,"before"?: Json | null,"created_at"?: string,"details"?: NonNullable<Json>,"hash": string,"id": number,"organization_id"?: string | null,"prev_hash"?: string | null,"project_id"?: string | null,"resource_id"?: string | null,"resource_type": string,"user_id"?: string | null
                  }
                  Update: {
                    "action"?: string,"actor_role"?: string,"after"?: Json | null,"before"?: Json | null,"created_at"?: string,"details"?: NonNullable<Json>,"hash"?: string,"id"?: number,"organization_id"?: string | null,"prev_hash"?: string | null,"project_id"?: string | null,"resource_id"?: string | null,"resource_type"?: string,"user_id"?: string | null
                  }
                  Relationships: [
                    
                  ]
                },"branch_mappings": {
                  Row: {
                    "branch_pattern": string,"created_at": string,"environment_id": string,"flow_template_id": string | null,"github_integration_id": string | null,"id": string,"is_deployable": boolean,"on_pull_request": boolean,"position": number,"project_id": string,"updated_at": string
                  }
                  ComputedFields: never
                  Insert: {
                    "branch_pattern": string,"created_at"?: string,"environment_id": string,"flow_template_id"?: string | null,"github_integration_id"?: string | null,"id"?: string,"is_deployable"?: boolean,"on_pull_request"?: boolean,"position"?: number,"project_id": string,"updated_at"?: string
                  }
                  Update: {
                    "branch_pattern"?: string,"created_at"?: string,"environment_id"?: string,"flow_template_id"?: string | null,"github_integration_id"?: string | null,"id"?: string,"is_deployable"?: boolean,"on_pull_request"?: boolean,"position"?: number,"project_id"?: string,"updated_at"?: string
                  }
                  Relationships: [
                    {
      foreignKeyName: "branch_mappings_environment_id_project_id_fkey"
      columns: ["environment_id","project_id"]
isOneToOne: false
      referencedRelation: "environments"
      referencedColumns: ["id","project_id"]
    },{
      foreignKeyName: "branch_mappings_flow_template_id_fkey"
      columns: ["flow_template_id"]
isOneToOne: false
      referencedRelation: "flow_templates"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "branch_mappings_github_integration_id_fkey"
      columns: ["github_integration_id"]
isOneToOne: false
      referencedRelation: "github_integrations"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "branch_mappings_project_id_fkey"
      columns: ["project_id"]
isOneToOne: false
      referencedRelation: "projects"
      referencedColumns: ["id"]
    }
                  ]
                },"break_glass_requests": {
                  Row: {
                    "created_at": string,"decided_at": string | null,"decided_by": string | null,"decision_comment": string | null,"deployment_id": string | null,"environment_id": string,"expires_at": string,"id": string,"organization_id": string,"project_id": string,"reason": string,"reason_category": Database["public"]['Enums']["break_glass_reason"],"requested_by": string,"status": Database["public"]['Enums']["break_glass_status"],"updated_at": string,"used_at": string | null
                  }
                  ComputedFields: never
                  Insert: {
                    "created_at"?: string,"decided_at"?: string | null,"decided_by"?: string | null,"decision_comment"?: string | null,"deployment_id"?: string | null,"environment_id": string,"expires_at"?: string,"id"?: string,"organization_id": string,"project_id": string,"reason": string,"reason_category": Database["public"]['Enums']["break_glass_reason"],"requested_by"?: string,"status"?: Database["public"]['Enums']["break_glass_status"],"updated_at"?: string,"used_at"?: string | null
                  }
                  Update: {
                    "created_at"?: string,"decided_at"?: string | null,"decided_by"?: string | null,"decision_comment"?: string | null,"deployment_id"?: string | null,"environment_id"?: string,"expires_at"?: string,"id"?: string,"organization_id"?: string,"project_id"?: string,"reason"?: string,"reason_category"?: Database["public"]['Enums']["break_glass_reason"],"requested_by"?: string,"status"?: Database["public"]['Enums']["break_glass_status"],"updated_at"?: string,"used_at"?: string | null
                  }
                  Relationships: [
                    {
      foreignKeyName: "break_glass_requests_deployment_id_fkey"
      columns: ["deployment_id"]
isOneToOne: false
      referencedRelation: "deployments"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "break_glass_requests_environment_id_project_id_fkey"
      columns: ["environment_id","project_id"]
isOneToOne: false
      referencedRelation: "environments"
      referencedColumns: ["id","project_id"]
    }
                  ]
                },"checkpoints": {
                  Row: {
                    "created_at": string,"created_by": string | null,"execution_id": string,"id": string,"name": string,"node_id": string,"project_id": string,"state": NonNullable<Json>
                  }
                  ComputedFields: never
                  Insert: {
                    "created_at"?: string,"created_by"?: string | null,"execution_id": string,"id"?: string,"name": string,"node_id": string,"project_id": string,"state"?: NonNullable<Json>
                  }
                  Update: {
                    "created_at"?: string,"created_by"?: string | null,"execution_id"?: string,"id"?: string,"name"?: string,"node_id"?: string,"project_id"?: string,"state"?: NonNullable<Json>
                  }
                  Relationships: [
                    {
      foreignKeyName: "checkpoints_execution_id_fkey"
      columns: ["execution_id"]
isOneToOne: false
      referencedRelation: "executions"
      referencedColumns: ["id"]
    }
                  ]
                },"connection_health_events": {
                  Row: {
                    "checked_at": string,"connection_id": string,"id": number,"message": string | null,"organization_id": string,"response_time_ms": number | null,"status": Database["public"]['Enums']["connection_status"]
                  }
                  ComputedFields: never
                  Insert: {
                    "checked_at"?: string,"connection_id": string,"id"?: never,"message"?: string | null,"organization_id": string,"response_time_ms"?: number | null,"status": Database["public"]['Enums']["connection_status"]
                  }
                  Update: {
                    "checked_at"?: string,"connection_id"?: string,"id"?: never,"message"?: string | null,"organization_id"?: string,"response_time_ms"?: number | null,"status"?: Database["public"]['Enums']["connection_status"]
                  }
                  Relationships: [
                    {
      foreignKeyName: "connection_health_events_connection_id_fkey"
      columns: ["connection_id"]
isOneToOne: false
      referencedRelation: "connections"
      referencedColumns: ["id"]
    }
                  ]
                },"connections": {
                  Row: {
                    "config": NonNullable<Json>,"created_at": string,"created_by": string | null,"id": string,"last_validated_at": string | null,"name": string,"organization_id": string,"secret_ref": string | null,"status": Database["public"]['Enums']["connection_status"],"type": string,"updated_at": string,"validated": boolean
                  }
                  ComputedFields: never
                  Insert: {
                    "config"?: NonNullable<Json>,"created_at"?: string,"created_by"?: string | null,"id"?: string,"last_validated_at"?: string | null,"name": string,"organization_id": string,"secret_ref"?: string | null,"status"?: Database["public"]['Enums']["connection_status"],"type": string,"updated_at"?: string,"validated"?: boolean
                  }
                  Update: {
                    "config"?: NonNullable<Json>,"created_at"?: string,"created_by"?: string | null,"id"?: string,"last_validated_at"?: string | null,"name"?: string,"organization_id"?: string,"secret_ref"?: string | null,"status"?: Database["public"]['Enums']["connection_status"],"type"?: string,"updated_at"?: string,"validated"?: boolean
                  }
                  Relationships: [
                    {
      foreignKeyName: "connections_organization_id_fkey"
      columns: ["organization_id"]
isOneToOne: false
      referencedRelation: "organizations"
      referencedColumns: ["id"]
    }
                  ]
                },"dashboard_layouts": {
                  Row: {
                    "created_at": string,"id": string,"is_default": boolean,"layout": NonNullable<Json>,"name": string,"project_id": string | null,"updated_at": string,"user_id": string
                  }
                  ComputedFields: never
                  Insert: {
                    "created_at"?: string,"id"?: string,"is_default"?: boolean,"layout"?: NonNullable<Json>,"name"?: string,"project_id"?: string | null,"updated_at"?: string,"user_id"?: string
                  }
                  Update: {
                    "created_at"?: string,"id"?: string,"is_default"?: boolean,"layout"?: NonNullable<Json>,"name"?: string,"project_id"?: string | null,"updated_at"?: string,"user_id"?: string
                  }
                  Relationships: [
                    {
      foreignKeyName: "dashboard_layouts_project_id_fkey"
      columns: ["project_id"]
isOneToOne: false
      referencedRelation: "projects"
      referencedColumns: ["id"]
    }
                  ]
                },"deploy_queue": {
                  Row: {
                    "enqueued_at": string,"environment_id": string,"execution_id": string,"id": number,"node_id": string,"project_id": string,"reason": string
                  }
                  ComputedFields: never
                  Insert: {
                    "enqueued_at"?: string,"environment_id": string,"execution_id": string,"id"?: never,"node_id": string,"project_id": string,"reason": string
                  }
                  Update: {
                    "enqueued_at"?: string,"environment_id"?: string,"execution_id"?: string,"id"?: never,"node_id"?: string,"project_id"?: string,"reason"?: string
                  }
                  Relationships: [
                    {
      foreignKeyName: "deploy_queue_environment_id_project_id_fkey"
      columns: ["environment_id","project_id"]
isOneToOne: false
      referencedRelation: "environments"
      referencedColumns: ["id","project_id"]
    },{
      foreignKeyName: "deploy_queue_execution_id_fkey"
      columns: ["execution_id"]
isOneToOne: false
      referencedRelation: "executions"
      referencedColumns: ["id"]
    }
                  ]
                },"deployment_versions": {
                  Row: {
                    "artifact_id": string | null,"commit_sha": string | null,"created_at": string,"deployment_id": string | null,"environment_id": string,"id": string,"is_current": boolean,"project_id": string,"promoted_from_id": string | null,"restored_from_id": string | null,"version_tag": string
                  }
                  ComputedFields: never
                  Insert: {
                    "artifact_id"?: string | null,"commit_sha"?: string | null,"created_at"?: string,"deployment_id"?: string | null,"environment_id": string,"id"?: string,"is_current"?: boolean,"project_id": string,"promoted_from_id"?: string | null,"restored_from_id"?: string | null,"version_tag": string
                  }
                  Update: {
                    "artifact_id"?: string | null,"commit_sha"?: string | null,"created_at"?: string,"deployment_id"?: string | null,"environment_id"?: string,"id"?: string,"is_current"?: boolean,"project_id"?: string,"promoted_from_id"?: string | null,"restored_from_id"?: string | null,"version_tag"?: string
                  }
                  Relationships: [
                    {
      foreignKeyName: "deployment_versions_artifact_id_fkey"
      columns: ["artifact_id"]
isOneToOne: false
      referencedRelation: "artifacts"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "deployment_versions_deployment_id_fkey"
      columns: ["deployment_id"]
isOneToOne: false
      referencedRelation: "deployments"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "deployment_versions_environment_id_project_id_fkey"
      columns: ["environment_id","project_id"]
isOneToOne: false
      referencedRelation: "environments"
      referencedColumns: ["id","project_id"]
    },{
      foreignKeyName: "deployment_versions_project_id_fkey"
      columns: ["project_id"]
isOneToOne: false
      referencedRelation: "projects"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "deployment_versions_promoted_from_id_fkey"
      columns: ["promoted_from_id"]
isOneToOne: false
      referencedRelation: "deployment_version_history"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "deployment_versions_promoted_from_id_fkey"
      columns: ["promoted_from_id"]
isOneToOne: false
      referencedRelation: "deployment_versions"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "deployment_versions_restored_from_id_fkey"
      columns: ["restored_from_id"]
isOneToOne: false
      referencedRelation: "deployment_version_history"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "deployment_versions_restored_from_id_fkey"
      columns: ["restored_from_id"]
isOneToOne: false
      referencedRelation: "deployment_versions"
      referencedColumns: ["id"]
    }
                  ]
                },"deployments": {
                  Row: {
                    "approval_request_id": string | null,"break_glass": boolean,"created_at": string,"deployed_by": string | null,"environment_id": string,"execution_id": string | null,"finished_at": string | null,"id": string,"is_pinned": boolean,"project_id": string,"reason": string | null,"rollback_of_id": string | null,"simulated": boolean,"started_at": string,"status": Database["public"]['Enums']["deployment_status"],"strategy": Database["public"]['Enums']["deploy_strategy"] | null,"updated_at": string,"version": string
                  }
                  ComputedFields: never
                  Insert: {
                    "approval_request_id"?: string | null,"break_glass"?: boolean,"created_at"?: string,"deployed_by"?: string | null,"environment_id": string,"execution_id"?: string | null,"finished_at"?: string | null,"id"?: string,"is_pinned"?: boolean,"project_id": string,"reason"?: string | null,"rollback_of_id"?: string | null,"simulated"?: boolean,"started_at"?: string,"status"?: Database["public"]['Enums']["deployment_status"],"strategy"?: Database["public"]['Enums']["deploy_strategy"] | null,"updated_at"?: string,"version": string
                  }
                  Update: {
                    "approval_request_id"?: string | null,"break_glass"?: boolean,"created_at"?: string,"deployed_by"?: string | null,"environment_id"?: string,"execution_id"?: string | null,"finished_at"?: string | null,"id"?: string,"is_pinned"?: boolean,"project_id"?: string,"reason"?: string | null,"rollback_of_id"?: string | null,"simulated"?: boolean,"started_at"?: string,"status"?: Database["public"]['Enums']["deployment_status"],"strategy"?: Database["public"]['Enums']["deploy_strategy"] | null,"updated_at"?: string,"version"?: string
                  }
                  Relationships: [
                    {
      foreignKeyName: "deployments_approval_request_id_fkey"
      columns: ["approval_request_id"]
isOneToOne: false
      referencedRelation: "approval_requests"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "deployments_environment_id_project_id_fkey"
      columns: ["environment_id","project_id"]
isOneToOne: false
      referencedRelation: "environments"
      referencedColumns: ["id","project_id"]
    },{
      foreignKeyName: "deployments_execution_id_fkey"
      columns: ["execution_id"]
isOneToOne: false
      referencedRelation: "executions"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "deployments_project_id_fkey"
      columns: ["project_id"]
isOneToOne: false
      referencedRelation: "projects"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "deployments_rollback_of_id_fkey"
      columns: ["rollback_of_id"]
isOneToOne: false
      referencedRelation: "deployments"
      referencedColumns: ["id"]
    }
                  ]
                },"environment_config_versions": {
                  Row: {
                    "base_version": number | null,"created_at": string,"created_by": string | null,"environment_id": string,"id": string,"project_id": string,"reason": string,"restored_from": number | null,"secrets": NonNullable<Json>,"variables": NonNullable<Json>,"version": number
                  }
                  ComputedFields: never
                  Insert: {
                    "base_version"?: number | null,"created_at"?: string,"created_by"?: string | null,"environment_id": string,"id"?: string,"project_id": string,"reason": string,"restored_from"?: number | null,"secrets"?: NonNullable<Json>,"variables"?: NonNullable<Json>,"version"?: number
                  }
                  Update: {
                    "base_version"?: number | null,"created_at"?: string,"created_by"?: string | null,"environment_id"?: string,"id"?: string,"project_id"?: string,"reason"?: string,"restored_from"?: number | null,"secrets"?: NonNullable<Json>,"variables"?: NonNullable<Json>,"version"?: number
                  }
                  Relationships: [
                    {
      foreignKeyName: "environment_config_versions_environment_id_project_id_fkey"
      columns: ["environment_id","project_id"]
isOneToOne: false
      referencedRelation: "environments"
      referencedColumns: ["id","project_id"]
    }
                  ]
                },"environment_configs": {
                  Row: {
                    "created_at": string,"environment_id": string,"id": string,"project_id": string,"secrets_ref": (string)[],"updated_at": string,"variables": NonNullable<Json>,"version": number
                  }
                  ComputedFields: never
                  Insert: {
                    "created_at"?: string,"environment_id": string,"id"?: string,"project_id": string,"secrets_ref"?: (string)[],"updated_at"?: string,"variables"?: NonNullable<Json>,"version"?: number
                  }
                  Update: {
                    "created_at"?: string,"environment_id"?: string,"id"?: string,"project_id"?: string,"secrets_ref"?: (string)[],"updated_at"?: string,"variables"?: NonNullable<Json>,"version"?: number
                  }
                  Relationships: [
                    {
      foreignKeyName: "environment_configs_environment_id_project_id_fkey"
      columns: ["environment_id","project_id"]
isOneToOne: false
      referencedRelation: "environments"
      referencedColumns: ["id","project_id"]
    }
                  ]
                },"environment_locks": {
                  Row: {
                    "created_at": string,"environment_id": string,"expires_at": string | null,"id": string,"is_locked": boolean,"lock_reason": string | null,"locked_at": string | null,"locked_by": string | null,"project_id": string,"required_role": Database["public"]['Enums']["app_role"],"updated_at": string
                  }
                  ComputedFields: never
                  Insert: {
                    "created_at"?: string,"environment_id": string,"expires_at"?: string | null,"id"?: string,"is_locked"?: boolean,"lock_reason"?: string | null,"locked_at"?: string | null,"locked_by"?: string | null,"project_id": string,"required_role"?: Database["public"]['Enums']["app_role"],"updated_at"?: string
                  }
                  Update: {
                    "created_at"?: string,"environment_id"?: string,"expires_at"?: string | null,"id"?: string,"is_locked"?: boolean,"lock_reason"?: string | null,"locked_at"?: string | null,"locked_by"?: string | null,"project_id"?: string,"required_role"?: Database["public"]['Enums']["app_role"],"updated_at"?: string
                  }
                  Relationships: [
                    {
      foreignKeyName: "environment_locks_environment_id_project_id_fkey"
      columns: ["environment_id","project_id"]
isOneToOne: false
      referencedRelation: "environments"
      referencedColumns: ["id","project_id"]
    }
                  ]
                },"environment_permissions": {
                  Row: {
                    "action": Database["public"]['Enums']["environment_action"],"created_at": string,"created_by": string | null,"effect": Database["public"]['Enums']["permission_effect"],"environment_id": string,"id": string,"organization_id": string,"project_id": string,"reason": string | null,"team_id": string | null,"updated_at": string,"user_id": string | null
                  }
                  ComputedFields: never
                  Insert: {
                    "action": Database["public"]['Enums']["environment_action"],"created_at"?: string,"created_by"?: string | null,"effect": Database["public"]['Enums']["permission_effect"],"environment_id": string,"id"?: string,"organization_id": string,"project_id": string,"reason"?: string | null,"team_id"?: string | null,"updated_at"?: string,"user_id"?: string | null
                  }
                  Update: {
                    "action"?: Database["public"]['Enums']["environment_action"],"created_at"?: string,"created_by"?: string | null,"effect"?: Database["public"]['Enums']["permission_effect"],"environment_id"?: string,"id"?: string,"organization_id"?: string,"project_id"?: string,"reason"?: string | null,"team_id"?: string | null,"updated_at"?: string,"user_id"?: string | null
                  }
                  Relationships: [
                    {
      foreignKeyName: "environment_permissions_environment_id_project_id_fkey"
      columns: ["environment_id","project_id"]
isOneToOne: false
      referencedRelation: "environments"
      referencedColumns: ["id","project_id"]
    },{
      foreignKeyName: "environment_permissions_organization_id_user_id_fkey"
      columns: ["organization_id","user_id"]
isOneToOne: false
      referencedRelation: "organization_members"
      referencedColumns: ["organization_id","user_id"]
    },{
      foreignKeyName: "environment_permissions_team_id_organization_id_fkey"
      columns: ["team_id","organization_id"]
isOneToOne: false
      referencedRelation: "teams"
      referencedColumns: ["id","organization_id"]
    }
                  ]
                },"environments": {
                  Row: {
                    "allow_skip_promotion": boolean,"archive_reason": string | null,"archived_at": string | null,"archived_by": string | null,"created_at": string,"deploy_strategy": Database["public"]['Enums']["deploy_strategy"],"display_name": string,"id": string,"key": string,"operators_edit_config": boolean | null,"position": number,"project_id": string,"required_approvals": number,"tier": Database["public"]['Enums']["environment_tier"],"updated_at": string
                  }
                  ComputedFields: never
                  Insert: {
                    "allow_skip_promotion"?: boolean,"archive_reason"?: string | null,"archived_at"?: string | null,"archived_by"?: string | null,"created_at"?: string,"deploy_strategy"?: Database["public"]['Enums']["deploy_strategy"],"display_name": string,"id"?: string,"key": string,"operators_edit_config"?: boolean | null,"position": number,"project_id": string,"required_approvals"?: number,"tier": Database["public"]['Enums']["environment_tier"],"updated_at"?: string
                  }
                  Update: {
                    "allow_skip_promotion"?: boolean,"archive_reason"?: string | null,"archived_at"?: string | null,"archived_by"?: string | null,"created_at"?: string,"deploy_strategy"?: Database["public"]['Enums']["deploy_strategy"],"display_name"?: string,"id"?: string,"key"?: string,"operators_edit_config"?: boolean | null,"position"?: number,"project_id"?: string,"required_approvals"?: number,"tier"?: Database["public"]['Enums']["environment_tier"],"updated_at"?: string
                  }
                  Relationships: [
                    {
      foreignKeyName: "environments_project_id_fkey"
      columns: ["project_id"]
isOneToOne: false
      referencedRelation: "projects"
      referencedColumns: ["id"]
    }
                  ]
                },"evidence_gate_exceptions": {
                  Row: {
                    "created_at": string,"decided_at": string | null,"decided_by": string | null,"decision_comment": string | null,"environment_id": string,"execution_id": string,"expires_at": string,"id": string,"kind": Database["public"]['Enums']["evidence_gate_kind"],"project_id": string,"reason": string,"requested_by": string,"status": Database["public"]['Enums']["gate_exception_status"],"updated_at": string,"version_tag": string | null
                  }
                  ComputedFields: never
                  Insert: {
                    "created_at"?: string,"decided_at"?: string | null,"decided_by"?: string | null,"decision_comment"?: string | null,"environment_id": string,"execution_id": string,"expires_at"?: string,"id"?: string,"kind": Database["public"]['Enums']["evidence_gate_kind"],"project_id": string,"reason": string,"requested_by"?: string,"status"?: Database["public"]['Enums']["gate_exception_status"],"updated_at"?: string,"version_tag"?: string | null
                  }
                  Update: {
                    "created_at"?: string,"decided_at"?: string | null,"decided_by"?: string | null,"decision_comment"?: string | null,"environment_id"?: string,"execution_id"?: string,"expires_at"?: string,"id"?: string,"kind"?: Database["public"]['Enums']["evidence_gate_kind"],"project_id"?: string,"reason"?: string,"requested_by"?: string,"status"?: Database["public"]['Enums']["gate_exception_status"],"updated_at"?: string,"version_tag"?: string | null
                  }
                  Relationships: [
                    {
      foreignKeyName: "evidence_gate_exceptions_environment_id_project_id_fkey"
      columns: ["environment_id","project_id"]
isOneToOne: false
      referencedRelation: "environments"
      referencedColumns: ["id","project_id"]
    },{
      foreignKeyName: "evidence_gate_exceptions_execution_id_fkey"
      columns: ["execution_id"]
isOneToOne: false
      referencedRelation: "executions"
      referencedColumns: ["id"]
    }
                  ]
                },"evidence_gates": {
                  Row: {
                    "created_at": string,"enabled": boolean,"environment_id": string,"id": string,"kind": Database["public"]['Enums']["evidence_gate_kind"],"max_coverage_drop": number | null,"max_critical": number,"max_failed_tests": number,"max_high": number | null,"min_coverage": number | null,"project_id": string,"require_evidence": boolean,"updated_at": string,"updated_by": string | null
                  }
                  ComputedFields: never
                  Insert: {
                    "created_at"?: string,"enabled"?: boolean,"environment_id": string,"id"?: string,"kind": Database["public"]['Enums']["evidence_gate_kind"],"max_coverage_drop"?: number | null,"max_critical"?: number,"max_failed_tests"?: number,"max_high"?: number | null,"min_coverage"?: number | null,"project_id": string,"require_evidence"?: boolean,"updated_at"?: string,"updated_by"?: string | null
                  }
                  Update: {
                    "created_at"?: string,"enabled"?: boolean,"environment_id"?: string,"id"?: string,"kind"?: Database["public"]['Enums']["evidence_gate_kind"],"max_coverage_drop"?: number | null,"max_critical"?: number,"max_failed_tests"?: number,"max_high"?: number | null,"min_coverage"?: number | null,"project_id"?: string,"require_evidence"?: boolean,"updated_at"?: string,"updated_by"?: string | null
                  }
                  Relationships: [
                    {
      foreignKeyName: "evidence_gates_environment_id_project_id_fkey"
      columns: ["environment_id","project_id"]
isOneToOne: false
      referencedRelation: "environments"
      referencedColumns: ["id","project_id"]
    }
                  ]
                },"execution_logs": {
                  Row: {
                    "created_at": string,"execution_id": string,"id": number,"level": Database["public"]['Enums']["log_level"],"message": string,"metadata": Json | null,"node_id": string | null,"project_id": string
                  }
                  ComputedFields: never
                  Insert: {
                    "created_at"?: string,"execution_id": string,"id"?: never,"level"?: Database["public"]['Enums']["log_level"],"message": string,"metadata"?: Json | null,"node_id"?: string | null,"project_id": string
                  }
                  Update: {
                    "created_at"?: string,"execution_id"?: string,"id"?: never,"level"?: Database["public"]['Enums']["log_level"],"message"?: string,"metadata"?: Json | null,"node_id"?: string | null,"project_id"?: string
                  }
                  Relationships: [
                    {
      foreignKeyName: "execution_logs_execution_id_fkey"
      columns: ["execution_id"]
isOneToOne: false
      referencedRelation: "executions"
      referencedColumns: ["id"]
    }
                  ]
                },"execution_nodes": {
                  Row: {
                    "attempt": number,"config": NonNullable<Json>,"created_at": string,"duration_ms": number | null,"execution_id": string,"finished_at": string | null,"id": string,"kind": Database["public"]['Enums']["node_kind"],"log_lines_written": number,"logs": string | null,"name": string,"node_id": string,"output": Json | null,"project_id": string,"started_at": string | null,"status": Database["public"]['Enums']["node_status"],"updated_at": string
                  }
                  ComputedFields: never
                  Insert: {
                    "attempt"?: number,"config"?: NonNullable<Json>,"created_at"?: string,"duration_ms"?: number | null,"execution_id": string,"finished_at"?: string | null,"id"?: string,"kind"?: Database["public"]['Enums']["node_kind"],"log_lines_written"?: number,"logs"?: string | null,"name": string,"node_id": string,"output"?: Json | null,"project_id": string,"started_at"?: string | null,"status"?: Database["public"]['Enums']["node_status"],"updated_at"?: string
                  }
                  Update: {
                    "attempt"?: number,"config"?: NonNullable<Json>,"created_at"?: string,"duration_ms"?: number | null,"execution_id"?: string,"finished_at"?: string | null,"id"?: string,"kind"?: Database["public"]['Enums']["node_kind"],"log_lines_written"?: number,"logs"?: string | null,"name"?: string,"node_id"?: string,"output"?: Json | null,"project_id"?: string,"started_at"?: string | null,"status"?: Database["public"]['Enums']["node_status"],"updated_at"?: string
                  }
                  Relationships: [
                    {
      foreignKeyName: "execution_nodes_execution_id_fkey"
      columns: ["execution_id"]
isOneToOne: false
      referencedRelation: "executions"
      referencedColumns: ["id"]
    }
                  ]
                },"execution_state_events": {
                  Row: {
                    "actor_id": string | null,"created_at": string,"execution_id": string,"id": number,"new_state": string,"node_id": string | null,"old_state": string | null,"project_id": string,"reason": string | null
                  }
                  ComputedFields: never
                  Insert: {
                    "actor_id"?: string | null,"created_at"?: string,"execution_id": string,"id"?: never,"new_state": string,"node_id"?: string | null,"old_state"?: string | null,"project_id": string,"reason"?: string | null
                  }
                  Update: {
                    "actor_id"?: string | null,"created_at"?: string,"execution_id"?: string,"id"?: never,"new_state"?: string,"node_id"?: string | null,"old_state"?: string | null,"project_id"?: string,"reason"?: string | null
                  }
                  Relationships: [
                    {
      foreignKeyName: "execution_state_events_execution_id_fkey"
      columns: ["execution_id"]
isOneToOne: false
      referencedRelation: "executions"
      referencedColumns: ["id"]
    }
                  ]
                },"executions": {
                  Row: {
                    "attempt": number,"branch": string | null,"commit_author_email": string | null,"commit_sha": string | null,"created_at": string,"environment_id": string | null,"error_message": string | null,"finished_at": string | null,"flow_template_id": string | null,"flow_type": Database["public"]['Enums']["flow_type"],"graph": NonNullable<Json>,"id": string,"name": string,"progress": number,"project_id": string,"promotion_of_version_id": string | null,"rerun_from_node_id": string | null,"rerun_of_id": string | null,"started_at": string | null,"started_by": string | null,"status": Database["public"]['Enums']["execution_status"],"trigger_source": string,"updated_at": string,"version": string | null
                  }
                  ComputedFields: never
                  Insert: {
                    "attempt"?: number,"branch"?: string | null,"commit_author_email"?: string | null,"commit_sha"?: string | null,"created_at"?: string,"environment_id"?: string | null,"error_message"?: string | null,"finished_at"?: string | null,"flow_template_id"?: string | null,"flow_type"?: Database["public"]['Enums']["flow_type"],"graph"?: NonNullable<Json>,"id"?: string,"name": string,"progress"?: number,"project_id": string,"promotion_of_version_id"?: string | null,"rerun_from_node_id"?: string | null,"rerun_of_id"?: string | null,"started_at"?: string | null,"started_by"?: string | null,"status"?: Database["public"]['Enums']["execution_status"],"trigger_source"?: string,"updated_at"?: string,"version"?: string | null
                  }
                  Update: {
                    "attempt"?: number,"branch"?: string | null,"commit_author_email"?: string | null,"commit_sha"?: string | null,"created_at"?: string,"environment_id"?: string | null,"error_message"?: string | null,"finished_at"?: string | null,"flow_template_id"?: string | null,"flow_type"?: Database["public"]['Enums']["flow_type"],"graph"?: NonNullable<Json>,"id"?: string,"name"?: string,"progress"?: number,"project_id"?: string,"promotion_of_version_id"?: string | null,"rerun_from_node_id"?: string | null,"rerun_of_id"?: string | null,"started_at"?: string | null,"started_by"?: string | null,"status"?: Database["public"]['Enums']["execution_status"],"trigger_source"?: string,"updated_at"?: string,"version"?: string | null
                  }
                  Relationships: [
                    {
      foreignKeyName: "executions_environment_id_project_id_fkey"
      columns: ["environment_id","project_id"]
isOneToOne: false
      referencedRelation: "environments"
      referencedColumns: ["id","project_id"]
    },{
      foreignKeyName: "executions_flow_template_id_fkey"
      columns: ["flow_template_id"]
isOneToOne: false
      referencedRelation: "flow_templates"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "executions_project_id_fkey"
      columns: ["project_id"]
isOneToOne: false
      referencedRelation: "projects"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "executions_promotion_of_version_id_fkey"
      columns: ["promotion_of_version_id"]
isOneToOne: false
      referencedRelation: "deployment_version_history"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "executions_promotion_of_version_id_fkey"
      columns: ["promotion_of_version_id"]
isOneToOne: false
      referencedRelation: "deployment_versions"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "executions_rerun_of_id_fkey"
      columns: ["rerun_of_id"]
isOneToOne: false
      referencedRelation: "executions"
      referencedColumns: ["id"]
    }
                  ]
                },"flow_template_versions": {
                  Row: {
                    "created_at": string,"created_by": string | null,"edges": NonNullable<Json>,"flow_template_id": string,"id": string,"message": string | null,"name": string,"nodes": NonNullable<Json>,"project_id": string,"restored_from": number | null,"type": Database["public"]['Enums']["flow_type"],"version": number
                  }
                  ComputedFields: never
                  Insert: {
                    "created_at"?: string,"created_by"?: string | null,"edges": NonNullable<Json>,"flow_template_id": string,"id"?: string,"message"?: string | null,"name": string,"nodes": NonNullable<Json>,"project_id": string,"restored_from"?: number | null,"type": Database["public"]['Enums']["flow_type"],"version": number
                  }
                  Update: {
                    "created_at"?: string,"created_by"?: string | null,"edges"?: NonNullable<Json>,"flow_template_id"?: string,"id"?: string,"message"?: string | null,"name"?: string,"nodes"?: NonNullable<Json>,"project_id"?: string,"restored_from"?: number | null,"type"?: Database["public"]['Enums']["flow_type"],"version"?: number
                  }
                  Relationships: [
                    {
      foreignKeyName: "flow_template_versions_flow_template_id_fkey"
      columns: ["flow_template_id"]
isOneToOne: false
      referencedRelation: "flow_templates"
      referencedColumns: ["id"]
    }
                  ]
                },"flow_templates": {
                  Row: {
                    "created_at": string,"created_by": string | null,"description": string | null,"edges": NonNullable<Json>,"id": string,"name": string,"nodes": NonNullable<Json>,"project_id": string,"save_message": string | null,"type": Database["public"]['Enums']["flow_type"],"updated_at": string,"version": number
                  }
                  ComputedFields: never
                  Insert: {
                    "created_at"?: string,"created_by"?: string | null,"description"?: string | null,"edges"?: NonNullable<Json>,"id"?: string,"name": string,"nodes"?: NonNullable<Json>,"project_id": string,"save_message"?: string | null,"type"?: Database["public"]['Enums']["flow_type"],"updated_at"?: string,"version"?: number
                  }
                  Update: {
                    "created_at"?: string,"created_by"?: string | null,"description"?: string | null,"edges"?: NonNullable<Json>,"id"?: string,"name"?: string,"nodes"?: NonNullable<Json>,"project_id"?: string,"save_message"?: string | null,"type"?: Database["public"]['Enums']["flow_type"],"updated_at"?: string,"version"?: number
                  }
                  Relationships: [
                    {
      foreignKeyName: "flow_templates_project_id_fkey"
      columns: ["project_id"]
isOneToOne: false
      referencedRelation: "projects"
      referencedColumns: ["id"]
    }
                  ]
                },"freeze_windows": {
                  Row: {
                    "created_at": string,"created_by": string | null,"duration_minutes": number | null,"ends_at": string | null,"environment_id": string | null,"id": string,"project_id": string,"reason": string,"recurrence": string | null,"required_role": Database["public"]['Enums']["app_role"],"starts_at": string,"time_zone": string | null,"updated_at": string
                  }
                  ComputedFields: never
                  Insert: {
                    "created_at"?: string,"created_by"?: string | null,"duration_minutes"?: number | null,"ends_at"?: string | null,"environment_id"?: string | null,"id"?: string,"project_id": string,"reason": string,"recurrence"?: string | null,"required_role"?: Database["public"]['Enums']["app_role"],"starts_at": string,"time_zone"?: string | null,"updated_at"?: string
                  }
                  Update: {
                    "created_at"?: string,"created_by"?: string | null,"duration_minutes"?: number | null,"ends_at"?: string | null,"environment_id"?: string | null,"id"?: string,"project_id"?: string,"reason"?: string,"recurrence"?: string | null,"required_role"?: Database["public"]['Enums']["app_role"],"starts_at"?: string,"time_zone"?: string | null,"updated_at"?: string
                  }
                  Relationships: [
                    {
      foreignKeyName: "freeze_windows_environment_id_project_id_fkey"
      columns: ["environment_id","project_id"]
isOneToOne: false
      referencedRelation: "environments"
      referencedColumns: ["id","project_id"]
    },{
      foreignKeyName: "freeze_windows_project_id_fkey"
      columns: ["project_id"]
isOneToOne: false
      referencedRelation: "projects"
      referencedColumns: ["id"]
    }
                  ]
                },"github_commit_statuses": {
                  Row: {
                    "attempts": number,"context": string,"created_at": string,"delivery": string,"description": string,"error": string | null,"execution_id": string,"github_integration_id": string,"id": number,"project_id": string,"sent_at": string | null,"sha": string,"state": string
                  }
                  ComputedFields: never
                  Insert: {
                    "attempts"?: number,"context": string,"created_at"?: string,"delivery"?: string,"description": string,"error"?: string | null,"execution_id": string,"github_integration_id": string,"id"?: never,"project_id": string,"sent_at"?: string | null,"sha": string,"state": string
                  }
                  Update: {
                    "attempts"?: number,"context"?: string,"created_at"?: string,"delivery"?: string,"description"?: string,"error"?: string | null,"execution_id"?: string,"github_integration_id"?: string,"id"?: never,"project_id"?: string,"sent_at"?: string | null,"sha"?: string,"state"?: string
                  }
                  Relationships: [
                    {
      foreignKeyName: "github_commit_statuses_execution_id_fkey"
      columns: ["execution_id"]
isOneToOne: false
      referencedRelation: "executions"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "github_commit_statuses_github_integration_id_fkey"
      columns: ["github_integration_id"]
isOneToOne: false
      referencedRelation: "github_integrations"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "github_commit_statuses_project_id_fkey"
      columns: ["project_id"]
isOneToOne: false
      referencedRelation: "projects"
      referencedColumns: ["id"]
    }
                  ]
                },"github_integrations": {
                  Row: {
                    "created_at": string,"created_by": string | null,"default_branch": string,"id": string,"installation_id": number | null,"is_active": boolean,"project_id": string,"repository_name": string,"repository_owner": string,"updated_at": string,"webhook_secret": string | null,"workflow_file": string
                  }
                  ComputedFields: never
                  Insert: {
                    "created_at"?: string,"created_by"?: string | null,"default_branch"?: string,"id"?: string,"installation_id"?: number | null,"is_active"?: boolean,"project_id": string,"repository_name": string,"repository_owner": string,"updated_at"?: string,"webhook_secret"?: string | null,"workflow_file"?: string
                  }
                  Update: {
                    "created_at"?: string,"created_by"?: string | null,"default_branch"?: string,"id"?: string,"installation_id"?: number | null,"is_active"?: boolean,"project_id"?: string,"repository_name"?: string,"repository_owner"?: string,"updated_at"?: string,"webhook_secret"?: string | null,"workflow_file"?: string
                  }
                  Relationships: [
                    {
      foreignKeyName: "github_integrations_project_id_fkey"
      columns: ["project_id"]
isOneToOne: false
      referencedRelation: "projects"
      referencedColumns: ["id"]
    }
                  ]
                },"github_tokens": {
                  Row: {
                    "created_at": string,"encrypted_token": string,"expires_at": string | null,"id": string,"organization_id": string | null,"scopes": (string)[],"token_hint": string | null,"updated_at": string,"user_id": string
                  }
                  ComputedFields: never
                  Insert: {
                    "created_at"?: string,"encrypted_token": string,"expires_at"?: string | null,"id"?: string,"organization_id"?: string | null,"scopes"?: (string)[],"token_hint"?: string | null,"updated_at"?: string,"user_id": string
                  }
                  Update: {
                    "created_at"?: string,"encrypted_token"?: string,"expires_at"?: string | null,"id"?: string,"organization_id"?: string | null,"scopes"?: (string)[],"token_hint"?: string | null,"updated_at"?: string,"user_id"?: string
                  }
                  Relationships: [
                    {
      foreignKeyName: "github_tokens_organization_id_fkey"
      columns: ["organization_id"]
isOneToOne: false
      referencedRelation: "organizations"
      referencedColumns: ["id"]
    }
                  ]
                },"notification_channels": {
                  Row: {
                    "created_at": string,"created_by": string | null,"enabled": boolean,"event_types": (string)[],"id": string,"kind": Database["public"]['Enums']["notification_channel_kind"],"name": string,"organization_id": string,"secret_ref": string | null,"updated_at": string,"url": string | null
                  }
                  ComputedFields: never
                  Insert: {
                    "created_at"?: string,"created_by"?: string | null,"enabled"?: boolean,"event_types"?: (string)[],"id"?: string,"kind": Database["public"]['Enums']["notification_channel_kind"],"name": string,"organization_id": string,"secret_ref"?: string | null,"updated_at"?: string,"url"?: string | null
                  }
                  Update: {
                    "created_at"?: string,"created_by"?: string | null,"enabled"?: boolean,"event_types"?: (string)[],"id"?: string,"kind"?: Database["public"]['Enums']["notification_channel_kind"],"name"?: string,"organization_id"?: string,"secret_ref"?: string | null,"updated_at"?: string,"url"?: string | null
                  }
                  Relationships: [
                    {
      foreignKeyName: "notification_channels_organization_id_fkey"
      columns: ["organization_id"]
isOneToOne: false
      referencedRelation: "organizations"
      referencedColumns: ["id"]
    }
                  ]
                },"notification_deliveries": {
                  Row: {
                    "attempts": number,"channel_id": string,"created_at": string,"dedup_key": string,"delivered_at": string | null,"event_key": string,"event_type": string,"id": string,"last_error": string | null,"last_status": number | null,"next_attempt_at": string,"organization_id": string,"payload": NonNullable<Json>,"project_id": string | null,"status": Database["public"]['Enums']["notification_delivery_status"],"to_email": string | null,"updated_at": string,"user_id": string | null
                  }
                  ComputedFields: never
                  Insert: {
                    "attempts"?: number,"channel_id": string,"created_at"?: string,"dedup_key": string,"delivered_at"?: string | null,"event_key": string,"event_type": string,"id"?: string,"last_error"?: string | null,"last_status"?: number | null,"next_attempt_at"?: string,"organization_id": string,"payload"?: NonNullable<Json>,"project_id"?: string | null,"status"?: Database["public"]['Enums']["notification_delivery_status"],"to_email"?: string | null,"updated_at"?: string,"user_id"?: string | null
                  }
                  Update: {
                    "attempts"?: number,"channel_id"?: string,"created_at"?: string,"dedup_key"?: string,"delivered_at"?: string | null,"event_key"?: string,"event_type"?: string,"id"?: string,"last_error"?: string | null,"last_status"?: number | null,"next_attempt_at"?: string,"organization_id"?: string,"payload"?: NonNullable<Json>,"project_id"?: string | null,"status"?: Database["public"]['Enums']["notification_delivery_status"],"to_email"?: string | null,"updated_at"?: string,"user_id"?: string | null
                  }
                  Relationships: [
                    {
      foreignKeyName: "notification_deliveries_channel_id_fkey"
      columns: ["channel_id"]
isOneToOne: false
      referencedRelation: "notification_channels"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "notification_deliveries_organization_id_fkey"
      columns: ["organization_id"]
isOneToOne: false
      referencedRelation: "organizations"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "notification_deliveries_project_id_fkey"
      columns: ["project_id"]
isOneToOne: false
      referencedRelation: "projects"
      referencedColumns: ["id"]
    }
                  ]
                },"notification_events": {
                  Row: {
                    "created_at": string,"dedup_key": string | null,"id": string,"payload": NonNullable<Json>,"project_id": string | null,"read_at": string | null,"target": string,"type": string,"user_id": string
                  }
                  ComputedFields: never
                  Insert: {
                    "created_at"?: string,"dedup_key"?: string | null,"id"?: string,"payload"?: NonNullable<Json>,"project_id"?: string | null,"read_at"?: string | null,"target"?: string,"type": string,"user_id": string
                  }
                  Update: {
                    "created_at"?: string,"dedup_key"?: string | null,"id"?: string,"payload"?: NonNullable<Json>,"project_id"?: string | null,"read_at"?: string | null,"target"?: string,"type"?: string,"user_id"?: string
                  }
                  Relationships: [
                    {
      foreignKeyName: "notification_events_project_id_fkey"
      columns: ["project_id"]
isOneToOne: false
      referencedRelation: "projects"
      referencedColumns: ["id"]
    }
                  ]
                },"notification_preferences": {
                  Row: {
                    "email_enabled": boolean,"muted_types": (string)[],"updated_at": string,"user_id": string
                  }
                  ComputedFields: never
                  Insert: {
                    "email_enabled"?: boolean,"muted_types"?: (string)[],"updated_at"?: string,"user_id"?: string
                  }
                  Update: {
                    "email_enabled"?: boolean,"muted_types"?: (string)[],"updated_at"?: string,"user_id"?: string
                  }
                  Relationships: [
                    
                  ]
                },"organization_invitations": {
                  Row: {
                    "accepted_at": string | null,"accepted_by": string | null,"created_at": string,"email": string,"expires_at": string,"id": string,"invited_by": string | null,"organization_id": string,"role": Database["public"]['Enums']["app_role"],"token_hash": string
                  }
                  ComputedFields: never
                  Insert: {
                    "accepted_at"?: string | null,"accepted_by"?: string | null,"created_at"?: string,"email": string,"expires_at": string,"id"?: string,"invited_by"?: string | null,"organization_id": string,"role": Database["public"]['Enums']["app_role"],"token_hash": string
                  }
                  Update: {
                    "accepted_at"?: string | null,"accepted_by"?: string | null,"created_at"?: string,"email"?: string,"expires_at"?: string,"id"?: string,"invited_by"?: string | null,"organization_id"?: string,"role"?: Database["public"]['Enums']["app_role"],"token_hash"?: string
                  }
                  Relationships: [
                    {
      foreignKeyName: "organization_invitations_organization_id_fkey"
      columns: ["organization_id"]
isOneToOne: false
      referencedRelation: "organizations"
      referencedColumns: ["id"]
    }
                  ]
                },"organization_members": {
                  Row: {
                    "created_at": string,"id": string,"organization_id": string,"role": Database["public"]['Enums']["app_role"],"updated_at": string,"user_id": string
                  }
                  ComputedFields: never
                  Insert: {
                    "created_at"?: string,"id"?: string,"organization_id": string,"role"?: Database["public"]['Enums']["app_role"],"updated_at"?: string,"user_id": string
                  }
                  Update: {
                    "created_at"?: string,"id"?: string,"organization_id"?: string,"role"?: Database["public"]['Enums']["app_role"],"updated_at"?: string,"user_id"?: string
                  }
                  Relationships: [
                    {
      foreignKeyName: "organization_members_organization_id_fkey"
      columns: ["organization_id"]
isOneToOne: false
      referencedRelation: "organizations"
      referencedColumns: ["id"]
    }
                  ]
                },"organizations": {
                  Row: {
                    "created_at": string,"id": string,"name": string,"owner_id": string | null,"slug": string,"updated_at": string
                  }
                  ComputedFields: never
                  Insert: {
                    "created_at"?: string,"id"?: string,"name": string,"owner_id"?: string | null,"slug": string,"updated_at"?: string
                  }
                  Update: {
                    "created_at"?: string,"id"?: string,"name"?: string,"owner_id"?: string | null,"slug"?: string,"updated_at"?: string
                  }
                  Relationships: [
                    
                  ]
                },"otel_export_batches": {
                  Row: {
                    "attempt": number,"bytes": number | null,"connection_id": string,"finished_at": string | null,"http_status": number | null,"id": string,"message": string | null,"organization_id": string,"outcome": string,"protocol": string | null,"rejected_spans": number | null,"spans": number,"started_at": string
                  }
                  ComputedFields: never
                  Insert: {
                    "attempt": number,"bytes"?: number | null,"connection_id": string,"finished_at"?: string | null,"http_status"?: number | null,"id": string,"message"?: string | null,"organization_id": string,"outcome"?: string,"protocol"?: string | null,"rejected_spans"?: number | null,"spans": number,"started_at"?: string
                  }
                  Update: {
                    "attempt"?: number,"bytes"?: number | null,"connection_id"?: string,"finished_at"?: string | null,"http_status"?: number | null,"id"?: string,"message"?: string | null,"organization_id"?: string,"outcome"?: string,"protocol"?: string | null,"rejected_spans"?: number | null,"spans"?: number,"started_at"?: string
                  }
                  Relationships: [
                    {
      foreignKeyName: "otel_export_batches_connection_id_fkey"
      columns: ["connection_id"]
isOneToOne: false
      referencedRelation: "connections"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "otel_export_batches_organization_id_fkey"
      columns: ["organization_id"]
isOneToOne: false
      referencedRelation: "organizations"
      referencedColumns: ["id"]
    }
                  ]
                },"otel_export_queue": {
                  Row: {
                    "attempts": number,"batch_id": string | null,"claimed_until": string | null,"connection_id": string,"enqueued_at": string,"finished_at": string | null,"last_error": string | null,"next_attempt_at": string,"organization_id": string,"signal_id": number,"state": string
                  }
                  ComputedFields: never
                  Insert: {
                    "attempts"?: number,"batch_id"?: string | null,"claimed_until"?: string | null,"connection_id": string,"enqueued_at"?: string,"finished_at"?: string | null,"last_error"?: string | null,"next_attempt_at"?: string,"organization_id": string,"signal_id": number,"state"?: string
                  }
                  Update: {
                    "attempts"?: number,"batch_id"?: string | null,"claimed_until"?: string | null,"connection_id"?: string,"enqueued_at"?: string,"finished_at"?: string | null,"last_error"?: string | null,"next_attempt_at"?: string,"organization_id"?: string,"signal_id"?: number,"state"?: string
                  }
                  Relationships: [
                    {
      foreignKeyName: "otel_export_queue_connection_id_fkey"
      columns: ["connection_id"]
isOneToOne: false
      referencedRelation: "connections"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "otel_export_queue_organization_id_fkey"
      columns: ["organization_id"]
isOneToOne: false
      referencedRelation: "organizations"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "otel_export_queue_signal_id_fkey"
      columns: ["signal_id"]
isOneToOne: false
      referencedRelation: "telemetry_signals"
      referencedColumns: ["id"]
    }
                  ]
                },"otel_ingest_tokens": {
                  Row: {
                    "connection_id": string,"created_at": string,"created_by": string | null,"id": string,"last_used_at": string | null,"organization_id": string,"project_id": string,"revoked_at": string | null,"token_hash": string,"token_hint": string
                  }
                  ComputedFields: never
                  Insert: {
                    "connection_id": string,"created_at"?: string,"created_by"?: string | null,"id"?: string,"last_used_at"?: string | null,"organization_id": string,"project_id": string,"revoked_at"?: string | null,"token_hash": string,"token_hint": string
                  }
                  Update: {
                    "connection_id"?: string,"created_at"?: string,"created_by"?: string | null,"id"?: string,"last_used_at"?: string | null,"organization_id"?: string,"project_id"?: string,"revoked_at"?: string | null,"token_hash"?: string,"token_hint"?: string
                  }
                  Relationships: [
                    {
      foreignKeyName: "otel_ingest_tokens_connection_id_fkey"
      columns: ["connection_id"]
isOneToOne: false
      referencedRelation: "connections"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "otel_ingest_tokens_organization_id_fkey"
      columns: ["organization_id"]
isOneToOne: false
      referencedRelation: "organizations"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "otel_ingest_tokens_project_id_fkey"
      columns: ["project_id"]
isOneToOne: false
      referencedRelation: "projects"
      referencedColumns: ["id"]
    }
                  ]
                },"pipeline_template_uses": {
                  Row: {
                    "created_at": string,"flow_template_id": string | null,"id": string,"project_id": string,"template_id": string,"used_by": string | null
                  }
                  ComputedFields: never
                  Insert: {
                    "created_at"?: string,"flow_template_id"?: string | null,"id"?: string,"project_id": string,"template_id": string,"used_by"?: string | null
                  }
                  Update: {
                    "created_at"?: string,"flow_template_id"?: string | null,"id"?: string,"project_id"?: string,"template_id"?: string,"used_by"?: string | null
                  }
                  Relationships: [
                    {
      foreignKeyName: "pipeline_template_uses_flow_template_id_fkey"
      columns: ["flow_template_id"]
isOneToOne: false
      referencedRelation: "flow_templates"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "pipeline_template_uses_project_id_fkey"
      columns: ["project_id"]
isOneToOne: false
      referencedRelation: "projects"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "pipeline_template_uses_template_id_fkey"
      columns: ["template_id"]
isOneToOne: false
      referencedRelation: "pipeline_templates"
      referencedColumns: ["id"]
    }
                  ]
                },"pipeline_templates": {
                  Row: {
                    "category": string,"created_at": string,"created_by": string | null,"description": string | null,"edges": NonNullable<Json>,"flow_type": Database["public"]['Enums']["flow_type"],"id": string,"is_public": boolean,"name": string,"nodes": NonNullable<Json>,"organization_id": string | null,"popularity": number,"tags": (string)[],"updated_at": string
                  }
                  ComputedFields: never
                  Insert: {
                    "category": string,"created_at"?: string,"created_by"?: string | null,"description"?: string | null,"edges"?: NonNullable<Json>,"flow_type"?: Database["public"]['Enums']["flow_type"],"id"?: string,"is_public"?: boolean,"name": string,"nodes"?: NonNullable<Json>,"organization_id"?: string | null,"popularity"?: number,"tags"?: (string)[],"updated_at"?: string
                  }
                  Update: {
                    "category"?: string,"created_at"?: string,"created_by"?: string | null,"description"?: string | null,"edges"?: NonNullable<Json>,"flow_type"?: Database["public"]['Enums']["flow_type"],"id"?: string,"is_public"?: boolean,"name"?: string,"nodes"?: NonNullable<Json>,"organization_id"?: string | null,"popularity"?: number,"tags"?: (string)[],"updated_at"?: string
                  }
                  Relationships: [
                    {
      foreignKeyName: "pipeline_templates_organization_id_fkey"
      columns: ["organization_id"]
isOneToOne: false
      referencedRelation: "organizations"
      referencedColumns: ["id"]
    }
                  ]
                },"profiles": {
                  Row: {
                    "avatar_url": string | null,"created_at": string,"email": string | null,"full_name": string | null,"id": string,"updated_at": string
                  }
                  ComputedFields: never
                  Insert: {
                    "avatar_url"?: string | null,"created_at"?: string,"email"?: string | null,"full_name"?: string | null,"id": string,"updated_at"?: string
                  }
                  Update: {
                    "avatar_url"?: string | null,"created_at"?: string,"email"?: string | null,"full_name"?: string | null,"id"?: string,"updated_at"?: string
                  }
                  Relationships: [
                    
                  ]
                },"projects": {
                  Row: {
                    "archived_at": string | null,"archived_by": string | null,"build_tool": string | null,"created_at": string,"created_by": string | null,"description": string | null,"github_repo_url": string | null,"id": string,"language": string | null,"name": string,"organization_id": string,"updated_at": string
                  }
                  ComputedFields: never
                  Insert: {
                    "archived_at"?: string | null,"archived_by"?: string | null,"build_tool"?: string | null,"created_at"?: string,"created_by"?: string | null,"description"?: string | null,"github_repo_url"?: string | null,"id"?: string,"language"?: string | null,"name": string,"organization_id": string,"updated_at"?: string
                  }
                  Update: {
                    "archived_at"?: string | null,"archived_by"?: string | null,"build_tool"?: string | null,"created_at"?: string,"created_by"?: string | null,"description"?: string | null,"github_repo_url"?: string | null,"id"?: string,"language"?: string | null,"name"?: string,"organization_id"?: string,"updated_at"?: string
                  }
                  Relationships: [
                    {
      foreignKeyName: "projects_organization_id_fkey"
      columns: ["organization_id"]
isOneToOne: false
      referencedRelation: "organizations"
      referencedColumns: ["id"]
    }
                  ]
                },"sandboxes": {
                  Row: {
                    "created_at": string,"expires_at": string,"organization_id": string,"user_id": string
                  }
                  ComputedFields: never
                  Insert: {
                    "created_at"?: string,"expires_at"?: string,"organization_id": string,"user_id": string
                  }
                  Update: {
                    "created_at"?: string,"expires_at"?: string,"organization_id"?: string,"user_id"?: string
                  }
                  Relationships: [
                    {
      foreignKeyName: "sandboxes_organization_id_fkey"
      columns: ["organization_id"]
isOneToOne: true
      referencedRelation: "organizations"
      referencedColumns: ["id"]
    }
                  ]
                },"sbom_packages": {
                  Row: {
                    "ecosystem": string | null,"execution_id": string,"id": number,"licences": (string)[],"name": string,"node_id": string,"project_id": string,"purl": string | null,"sbom_id": string,"version": string | null
                  }
                  ComputedFields: never
                  Insert: {
                    "ecosystem"?: string | null,"execution_id": string,"id"?: never,"licences"?: (string)[],"name": string,"node_id": string,"project_id": string,"purl"?: string | null,"sbom_id": string,"version"?: string | null
                  }
                  Update: {
                    "ecosystem"?: string | null,"execution_id"?: string,"id"?: never,"licences"?: (string)[],"name"?: string,"node_id"?: string,"project_id"?: string,"purl"?: string | null,"sbom_id"?: string,"version"?: string | null
                  }
                  Relationships: [
                    {
      foreignKeyName: "sbom_packages_execution_id_fkey"
      columns: ["execution_id"]
isOneToOne: false
      referencedRelation: "executions"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "sbom_packages_sbom_id_fkey"
      columns: ["sbom_id"]
isOneToOne: false
      referencedRelation: "sboms"
      referencedColumns: ["id"]
    }
                  ]
                },"sboms": {
                  Row: {
                    "content_sha256": string,"created_at": string,"execution_id": string,"format": string,"id": string,"integration_id": string | null,"licences": NonNullable<Json>,"name": string | null,"node_id": string,"package_count": number,"project_id": string,"recorded_by": string | null,"spec_version": string | null,"unlicensed": number
                  }
                  ComputedFields: never
                  Insert: {
                    "content_sha256": string,"created_at"?: string,"execution_id": string,"format": string,"id"?: string,"integration_id"?: string | null,"licences"?: NonNullable<Json>,"name"?: string | null,"node_id": string,"package_count": number,"project_id": string,"recorded_by"?: string | null,"spec_version"?: string | null,"unlicensed"?: number
                  }
                  Update: {
                    "content_sha256"?: string,"created_at"?: string,"execution_id"?: string,"format"?: string,"id"?: string,"integration_id"?: string | null,"licences"?: NonNullable<Json>,"name"?: string | null,"node_id"?: string,"package_count"?: number,"project_id"?: string,"recorded_by"?: string | null,"spec_version"?: string | null,"unlicensed"?: number
                  }
                  Relationships: [
                    {
      foreignKeyName: "sboms_execution_id_fkey"
      columns: ["execution_id"]
isOneToOne: false
      referencedRelation: "executions"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "sboms_execution_id_node_id_fkey"
      columns: ["execution_id","node_id"]
isOneToOne: false
      referencedRelation: "execution_nodes"
      referencedColumns: ["execution_id","node_id"]
    },{
      foreignKeyName: "sboms_integration_id_fkey"
      columns: ["integration_id"]
isOneToOne: false
      referencedRelation: "github_integrations"
      referencedColumns: ["id"]
    }
                  ]
                },"secret_references": {
                  Row: {
                    "created_at": string,"description": string | null,"environment_id": string | null,"external_name": string | null,"id": string,"project_id": string,"provider": string,"ref_key": string,"scope": string,"updated_at": string
                  }
                  ComputedFields: never
                  Insert: {
                    "created_at"?: string,"description"?: string | null,"environment_id"?: string | null,"external_name"?: string | null,"id"?: string,"project_id": string,"provider": string,"ref_key": string,"scope"?: string,"updated_at"?: string
                  }
                  Update: {
                    "created_at"?: string,"description"?: string | null,"environment_id"?: string | null,"external_name"?: string | null,"id"?: string,"project_id"?: string,"provider"?: string,"ref_key"?: string,"scope"?: string,"updated_at"?: string
                  }
                  Relationships: [
                    {
      foreignKeyName: "secret_references_environment_id_project_id_fkey"
      columns: ["environment_id","project_id"]
isOneToOne: false
      referencedRelation: "environments"
      referencedColumns: ["id","project_id"]
    },{
      foreignKeyName: "secret_references_project_id_fkey"
      columns: ["project_id"]
isOneToOne: false
      referencedRelation: "projects"
      referencedColumns: ["id"]
    }
                  ]
                },"step_evidence": {
                  Row: {
                    "content_sha256": string,"created_at": string,"data": NonNullable<Json>,"execution_id": string,"id": string,"integration_id": string | null,"kind": string,"node_id": string,"project_id": string,"recorded_by": string | null,"status": string,"summary": string | null,"title": string,"url": string | null
                  }
                  ComputedFields: never
                  Insert: {
                    "content_sha256": string,"created_at"?: string,"data"?: NonNullable<Json>,"execution_id": string,"id"?: string,"integration_id"?: string | null,"kind": string,"node_id": string,"project_id": string,"recorded_by"?: string | null,"status"?: string,"summary"?: string | null,"title": string,"url"?: string | null
                  }
                  Update: {
                    "content_sha256"?: string,"created_at"?: string,"data"?: NonNullable<Json>,"execution_id"?: string,"id"?: string,"integration_id"?: string | null,"kind"?: string,"node_id"?: string,"project_id"?: string,"recorded_by"?: string | null,"status"?: string,"summary"?: string | null,"title"?: string,"url"?: string | null
                  }
                  Relationships: [
                    {
      foreignKeyName: "step_evidence_execution_id_fkey"
      columns: ["execution_id"]
isOneToOne: false
      referencedRelation: "executions"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "step_evidence_execution_id_node_id_fkey"
      columns: ["execution_id","node_id"]
isOneToOne: false
      referencedRelation: "execution_nodes"
      referencedColumns: ["execution_id","node_id"]
    },{
      foreignKeyName: "step_evidence_integration_id_fkey"
      columns: ["integration_id"]
isOneToOne: false
      referencedRelation: "github_integrations"
      referencedColumns: ["id"]
    }
                  ]
                },"team_members": {
                  Row: {
                    "created_at": string,"organization_id": string,"team_id": string,"user_id": string
                  }
                  ComputedFields: never
                  Insert: {
                    "created_at"?: string,"organization_id": string,"team_id": string,"user_id": string
                  }
                  Update: {
                    "created_at"?: string,"organization_id"?: string,"team_id"?: string,"user_id"?: string
                  }
                  Relationships: [
                    {
      foreignKeyName: "team_members_organization_id_user_id_fkey"
      columns: ["organization_id","user_id"]
isOneToOne: false
      referencedRelation: "organization_members"
      referencedColumns: ["organization_id","user_id"]
    },{
      foreignKeyName: "team_members_team_id_organization_id_fkey"
      columns: ["team_id","organization_id"]
isOneToOne: false
      referencedRelation: "teams"
      referencedColumns: ["id","organization_id"]
    }
                  ]
                },"teams": {
                  Row: {
                    "created_at": string,"description": string | null,"id": string,"name": string,"organization_id": string,"updated_at": string
                  }
                  ComputedFields: never
                  Insert: {
                    "created_at"?: string,"description"?: string | null,"id"?: string,"name": string,"organization_id": string,"updated_at"?: string
                  }
                  Update: {
                    "created_at"?: string,"description"?: string | null,"id"?: string,"name"?: string,"organization_id"?: string,"updated_at"?: string
                  }
                  Relationships: [
                    {
      foreignKeyName: "teams_organization_id_fkey"
      columns: ["organization_id"]
isOneToOne: false
      referencedRelation: "organizations"
      referencedColumns: ["id"]
    }
                  ]
                },"telemetry_signals": {
                  Row: {
                    "attributes": NonNullable<Json>,"connection_id": string | null,"duration_ms": number | null,"ended_at": string | null,"execution_id": string | null,"id": number,"kind": string | null,"name": string | null,"observed_at": string,"otel_span_id": string | null,"otel_trace_id": string | null,"parent_span_id": string | null,"payload": NonNullable<Json>,"project_id": string,"resource_attributes": NonNullable<Json>,"service_name": string | null,"signal_type": string,"source": string,"started_at": string | null,"status": string | null
                  }
                  ComputedFields: never
                  Insert: {
                    "attributes"?: NonNullable<Json>,"connection_id"?: string | null,"duration_ms"?: never,"ended_at"?: string | null,"execution_id"?: string | null,"id"?: never,"kind"?: string | null,"name"?: string | null,"observed_at"?: string,"otel_span_id"?: string | null,"otel_trace_id"?: string | null,"parent_span_id"?: string | null,"payload"?: NonNullable<Json>,"project_id": string,"resource_attributes"?: NonNullable<Json>,"service_name"?: string | null,"signal_type": string,"source"?: string,"started_at"?: string | null,"status"?: string | null
                  }
                  Update: {
                    "attributes"?: NonNullable<Json>,"connection_id"?: string | null,"duration_ms"?: never,"ended_at"?: string | null,"execution_id"?: string | null,"id"?: never,"kind"?: string | null,"name"?: string | null,"observed_at"?: string,"otel_span_id"?: string | null,"otel_trace_id"?: string | null,"parent_span_id"?: string | null,"payload"?: NonNullable<Json>,"project_id"?: string,"resource_attributes"?: NonNullable<Json>,"service_name"?: string | null,"signal_type"?: string,"source"?: string,"started_at"?: string | null,"status"?: string | null
                  }
                  Relationships: [
                    {
      foreignKeyName: "telemetry_signals_execution_id_fkey"
      columns: ["execution_id"]
isOneToOne: false
      referencedRelation: "executions"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "telemetry_signals_project_id_fkey"
      columns: ["project_id"]
isOneToOne: false
      referencedRelation: "projects"
      referencedColumns: ["id"]
    }
                  ]
                },"test_cases": {
                  Row: {
                    "classname": string | null,"details": string | null,"duration_ms": number | null,"execution_id": string,"id": number,"message": string | null,"name": string,"node_id": string,"project_id": string,"report_id": string,"status": Database["public"]['Enums']["test_case_status"],"suite": string | null
                  }
                  ComputedFields: never
                  Insert: {
                    "classname"?: string | null,"details"?: string | null,"duration_ms"?: number | null,"execution_id": string,"id"?: never,"message"?: string | null,"name": string,"node_id": string,"project_id": string,"report_id": string,"status": Database["public"]['Enums']["test_case_status"],"suite"?: string | null
                  }
                  Update: {
                    "classname"?: string | null,"details"?: string | null,"duration_ms"?: number | null,"execution_id"?: string,"id"?: never,"message"?: string | null,"name"?: string,"node_id"?: string,"project_id"?: string,"report_id"?: string,"status"?: Database["public"]['Enums']["test_case_status"],"suite"?: string | null
                  }
                  Relationships: [
                    {
      foreignKeyName: "test_cases_execution_id_fkey"
      columns: ["execution_id"]
isOneToOne: false
      referencedRelation: "executions"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "test_cases_report_id_fkey"
      columns: ["report_id"]
isOneToOne: false
      referencedRelation: "test_reports"
      referencedColumns: ["id"]
    }
                  ]
                },"test_reports": {
                  Row: {
                    "content_sha256": string,"created_at": string,"duration_ms": number | null,"errored": number,"execution_id": string,"failed": number,"format": string,"id": string,"integration_id": string | null,"name": string | null,"node_id": string,"passed": number,"project_id": string,"recorded_by": string | null,"skipped": number,"total": number
                  }
                  ComputedFields: never
                  Insert: {
                    "content_sha256": string,"created_at"?: string,"duration_ms"?: number | null,"errored": number,"execution_id": string,"failed": number,"format"?: string,"id"?: string,"integration_id"?: string | null,"name"?: string | null,"node_id": string,"passed": number,"project_id": string,"recorded_by"?: string | null,"skipped": number,"total": number
                  }
                  Update: {
                    "content_sha256"?: string,"created_at"?: string,"duration_ms"?: number | null,"errored"?: number,"execution_id"?: string,"failed"?: number,"format"?: string,"id"?: string,"integration_id"?: string | null,"name"?: string | null,"node_id"?: string,"passed"?: number,"project_id"?: string,"recorded_by"?: string | null,"skipped"?: number,"total"?: number
                  }
                  Relationships: [
                    {
      foreignKeyName: "test_reports_execution_id_fkey"
      columns: ["execution_id"]
isOneToOne: false
      referencedRelation: "executions"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "test_reports_execution_id_node_id_fkey"
      columns: ["execution_id","node_id"]
isOneToOne: false
      referencedRelation: "execution_nodes"
      referencedColumns: ["execution_id","node_id"]
    },{
      foreignKeyName: "test_reports_integration_id_fkey"
      columns: ["integration_id"]
isOneToOne: false
      referencedRelation: "github_integrations"
      referencedColumns: ["id"]
    }
                  ]
                },"user_preferences": {
                  Row: {
                    "created_at": string,"default_mode": string | null,"id": string,"ui_preferences": NonNullable<Json>,"updated_at": string,"user_id": string
                  }
                  ComputedFields: never
                  Insert: {
                    "created_at"?: string,"default_mode"?: string | null,"id"?: string,"ui_preferences"?: NonNullable<Json>,"updated_at"?: string,"user_id": string
                  }
                  Update: {
                    "created_at"?: string,"default_mode"?: string | null,"id"?: string,"ui_preferences"?: NonNullable<Json>,"updated_at"?: string,"user_id"?: string
                  }
                  Relationships: [
                    
                  ]
                },"user_roles": {
                  Row: {
                    "created_at": string,"id": string,"role": Database["public"]['Enums']["app_role"],"user_id": string
                  }
                  ComputedFields: never
                  Insert: {
                    "created_at"?: string,"id"?: string,"role"?: Database["public"]['Enums']["app_role"],"user_id": string
                  }
                  Update: {
                    "created_at"?: string,"id"?: string,"role"?: Database["public"]['Enums']["app_role"],"user_id"?: string
                  }
                  Relationships: [
                    
                  ]
                },"vulnerability_findings": {
                  Row: {
                    "execution_id": string,"fixed_version": string | null,"id": number,"installed_version": string | null,"node_id": string,"package_name": string,"primary_url": string | null,"project_id": string,"scan_id": string,"severity": Database["public"]['Enums']["vulnerability_severity"],"target": string | null,"title": string | null,"vulnerability_id": string
                  }
                  ComputedFields: never
                  Insert: {
                    "execution_id": string,"fixed_version"?: string | null,"id"?: never,"installed_version"?: string | null,"node_id": string,"package_name": string,"primary_url"?: string | null,"project_id": string,"scan_id": string,"severity": Database["public"]['Enums']["vulnerability_severity"],"target"?: string | null,"title"?: string | null,"vulnerability_id": string
                  }
                  Update: {
                    "execution_id"?: string,"fixed_version"?: string | null,"id"?: never,"installed_version"?: string | null,"node_id"?: string,"package_name"?: string,"primary_url"?: string | null,"project_id"?: string,"scan_id"?: string,"severity"?: Database["public"]['Enums']["vulnerability_severity"],"target"?: string | null,"title"?: string | null,"vulnerability_id"?: string
                  }
                  Relationships: [
                    {
      foreignKeyName: "vulnerability_findings_execution_id_fkey"
      columns: ["execution_id"]
isOneToOne: false
      referencedRelation: "executions"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "vulnerability_findings_scan_id_fkey"
      columns: ["scan_id"]
isOneToOne: false
      referencedRelation: "vulnerability_scans"
      referencedColumns: ["id"]
    }
                  ]
                },"vulnerability_scans": {
                  Row: {
                    "artifact_name": string | null,"artifact_type": string | null,"content_sha256": string,"created_at": string,"critical": number,"execution_id": string,"high": number,"id": string,"integration_id": string | null,"low": number,"medium": number,"node_id": string,"project_id": string,"recorded_by": string | null,"scanner": string,"scanner_version": string | null,"unknown": number
                  }
                  ComputedFields: never
                  Insert: {
                    "artifact_name"?: string | null,"artifact_type"?: string | null,"content_sha256": string,"created_at"?: string,"critical"?: number,"execution_id": string,"high"?: number,"id"?: string,"integration_id"?: string | null,"low"?: number,"medium"?: number,"node_id": string,"project_id": string,"recorded_by"?: string | null,"scanner"?: string,"scanner_version"?: string | null,"unknown"?: number
                  }
                  Update: {
                    "artifact_name"?: string | null,"artifact_type"?: string | null,"content_sha256"?: string,"created_at"?: string,"critical"?: number,"execution_id"?: string,"high"?: number,"id"?: string,"integration_id"?: string | null,"low"?: number,"medium"?: number,"node_id"?: string,"project_id"?: string,"recorded_by"?: string | null,"scanner"?: string,"scanner_version"?: string | null,"unknown"?: number
                  }
                  Relationships: [
                    {
      foreignKeyName: "vulnerability_scans_execution_id_fkey"
      columns: ["execution_id"]
isOneToOne: false
      referencedRelation: "executions"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "vulnerability_scans_execution_id_node_id_fkey"
      columns: ["execution_id","node_id"]
isOneToOne: false
      referencedRelation: "execution_nodes"
      referencedColumns: ["execution_id","node_id"]
    },{
      foreignKeyName: "vulnerability_scans_integration_id_fkey"
      columns: ["integration_id"]
isOneToOne: false
      referencedRelation: "github_integrations"
      referencedColumns: ["id"]
    }
                  ]
                },"webhook_deliveries": {
                  Row: {
                    "attempts": number,"delivery_id": string,"error": string | null,"event": string,"github_integration_id": string | null,"id": string,"payload": NonNullable<Json>,"processed_at": string | null,"project_id": string | null,"provider": string,"received_at": string,"result": Json | null,"status": string
                  }
                  ComputedFields: never
                  Insert: {
                    "attempts"?: number,"delivery_id": string,"error"?: string | null,"event": string,"github_integration_id"?: string | null,"id"?: string,"payload"?: NonNullable<Json>,"processed_at"?: string | null,"project_id"?: string | null,"provider"?: string,"received_at"?: string,"result"?: Json | null,"status"?: string
                  }
                  Update: {
                    "attempts"?: number,"delivery_id"?: string,"error"?: string | null,"event"?: string,"github_integration_id"?: string | null,"id"?: string,"payload"?: NonNullable<Json>,"processed_at"?: string | null,"project_id"?: string | null,"provider"?: string,"received_at"?: string,"result"?: Json | null,"status"?: string
                  }
                  Relationships: [
                    {
      foreignKeyName: "webhook_deliveries_github_integration_id_fkey"
      columns: ["github_integration_id"]
isOneToOne: false
      referencedRelation: "github_integrations"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "webhook_deliveries_project_id_fkey"
      columns: ["project_id"]
isOneToOne: false
      referencedRelation: "projects"
      referencedColumns: ["id"]
    }
                  ]
                },"widget_metrics": {
                  Row: {
                    "id": number,"labels": NonNullable<Json>,"metric_name": string,"metric_value": number,"project_id": string,"recorded_at": string,"widget_type": string
                  }
                  ComputedFields: never
                  Insert: {
                    "id"?: never,"labels"?: NonNullable<Json>,"metric_name": string,"metric_value": number,"project_id": string,"recorded_at"?: string,"widget_type": string
                  }
                  Update: {
                    "id"?: never,"labels"?: NonNullable<Json>,"metric_name"?: string,"metric_value"?: number,"project_id"?: string,"recorded_at"?: string,"widget_type"?: string
                  }
                  Relationships: [
                    {
      foreignKeyName: "widget_metrics_project_id_fkey"
      columns: ["project_id"]
isOneToOne: false
      referencedRelation: "projects"
      referencedColumns: ["id"]
    }
                  ]
                }
          }
          Views: {
            "deploy_queue_positions": {
                  Row: {
                    "enqueued_at": string,"environment": string,"environment_id": string,"execution_id": string,"id": number,"node_id": string,"position": number | null,"project_id": string,"reason": string
                  }
                  ComputedFields: never
                  Relationships: [
                    {
      foreignKeyName: "deploy_queue_environment_id_project_id_fkey"
      columns: ["environment_id","project_id"]
isOneToOne: false
      referencedRelation: "environments"
      referencedColumns: ["id","project_id"]
    },{
      foreignKeyName: "deploy_queue_execution_id_fkey"
      columns: ["execution_id"]
isOneToOne: false
      referencedRelation: "executions"
      referencedColumns: ["id"]
    }
                  ]
                },"deployment_version_history": {
                  Row: {
                    "break_glass": boolean | null,"commit_sha": string | null,"deployed_by": string | null,"deployment_id": string | null,"environment_id": string,"id": string,"is_current": boolean,"live_for": string | null,"live_from": string,"live_until": string | null,"project_id": string,"promoted_from_id": string | null,"promoted_from_key": string | null,"reason": string | null,"restored_from_id": string | null,"rollback_of_id": string | null,"version_tag": string
                  }
                  ComputedFields: never
                  Relationships: [
                    {
      foreignKeyName: "deployment_versions_deployment_id_fkey"
      columns: ["deployment_id"]
isOneToOne: false
      referencedRelation: "deployments"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "deployment_versions_environment_id_project_id_fkey"
      columns: ["environment_id","project_id"]
isOneToOne: false
      referencedRelation: "environments"
      referencedColumns: ["id","project_id"]
    },{
      foreignKeyName: "deployment_versions_project_id_fkey"
      columns: ["project_id"]
isOneToOne: false
      referencedRelation: "projects"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "deployment_versions_promoted_from_id_fkey"
      columns: ["promoted_from_id"]
isOneToOne: false
      referencedRelation: "deployment_version_history"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "deployment_versions_promoted_from_id_fkey"
      columns: ["promoted_from_id"]
isOneToOne: false
      referencedRelation: "deployment_versions"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "deployment_versions_restored_from_id_fkey"
      columns: ["restored_from_id"]
isOneToOne: false
      referencedRelation: "deployment_version_history"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "deployment_versions_restored_from_id_fkey"
      columns: ["restored_from_id"]
isOneToOne: false
      referencedRelation: "deployment_versions"
      referencedColumns: ["id"]
    },{
      foreignKeyName: "deployments_rollback_of_id_fkey"
      columns: ["rollback_of_id"]
isOneToOne: false
      referencedRelation: "deployments"
      referencedColumns: ["id"]
    }
                  ]
                }
          }
          Functions: {
            "accept_invitation":
{ Args: { "_token": string }; Returns: string
                           },
"approval_request_explain":
{ Args: { "_request_id": string }; Returns: Json
                           },
"archive_environment":
{ Args: { "_environment_id": string,"_reason"?: string }; Returns: {
              "allow_skip_promotion": boolean,
"archive_reason": string | null,
"archived_at": string | null,
"archived_by": string | null,
"created_at": string,
"deploy_strategy": Database["public"]['Enums']["deploy_strategy"],
"display_name": string,
"id": string,
"key": string,
"operators_edit_config": boolean | null,
"position": number,
"project_id": string,
"required_approvals": number,
"tier": Database["public"]['Enums']["environment_tier"],
"updated_at": string
            }
                          SetofOptions: {
        from: "*"
        to: "environments"
        isOneToOne: true
        isSetofReturn: false
      } },
"audit_approval_link":
{ Args: { "_decision": Database["public"]['Enums']["approval_vote"],"_outcome": string,"_request_id": string,"_user_id": string }; Returns: undefined
                           },
"begin_ai_analysis":
{ Args: { "_analyzer": string,"_environment_id": string,"_execution_id": string,"_flow_template_id": string,"_kind": string,"_model": string,"_node_id": string,"_user_id": string }; Returns: string
                           },
"cicd_task_type":
{ Args: { "_config": Json,"_kind": Database["public"]['Enums']["node_kind"],"_name": string }; Returns: string
                           },
"claim_github_statuses":
{ Args: { "_limit"?: number }; Returns: {
              "context": string,"description": string,"execution_id": string,"id": number,"organization_id": string,"repository_name": string,"repository_owner": string,"sha": string,"state": string
            }[]
                           },
"claim_notification_deliveries":
{ Args: { "_lease_seconds"?: number,"_limit"?: number }; Returns: Json
                           },
"claim_otel_export_batch":
{ Args: { "_lease_seconds"?: number,"_max_spans"?: number }; Returns: Json
                           },
"cleanup_expired_sandboxes":
{ Args: Record<PropertyKey, never>; Returns: number
                           },
"control_tower_kpis":
{ Args: { "_project_id": string }; Returns: Json
                           },
"control_tower_runs_per_day":
{ Args: { "_days"?: number,"_project_id": string,"_time_zone"?: string }; Returns: {
              "cancelled": number,"day": string,"failed": number,"success": number,"warning": number
            }[]
                           },
"create_environment":
{ Args: { "_deploy_strategy"?: Database["public"]['Enums']["deploy_strategy"],"_display_name": string,"_key": string,"_operators_edit_config"?: boolean,"_position"?: number,"_project_id": string,"_required_approvals"?: number,"_tier": Database["public"]['Enums']["environment_tier"] }; Returns: {
              "allow_skip_promotion": boolean,
"archive_reason": string | null,
"archived_at": string | null,
"archived_by": string | null,
"created_at": string,
"deploy_strategy": Database["public"]['Enums']["deploy_strategy"],
"display_name": string,
"id": string,
"key": string,
"operators_edit_config": boolean | null,
"position": number,
"project_id": string,
"required_approvals": number,
"tier": Database["public"]['Enums']["environment_tier"],
"updated_at": string
            }
                          SetofOptions: {
        from: "*"
        to: "environments"
        isOneToOne: true
        isSetofReturn: false
      } },
"dashboard_figures":
{ Args: { "_days"?: number,"_project_id": string,"_time_zone"?: string }; Returns: Json
                           },
"decide_break_glass":
{ Args: { "_approve": boolean,"_comment"?: string,"_request_id": string }; Returns: {
              "created_at": string,
"decided_at": string | null,
"decided_by": string | null,
"decision_comment": string | null,
"deployment_id": string | null,
"environment_id": string,
"expires_at": string,
"id": string,
"organization_id": string,
"project_id": string,
"reason": string,
"reason_category": Database["public"]['Enums']["break_glass_reason"],
"requested_by": string,
"status": Database["public"]['Enums']["break_glass_status"],
"updated_at": string,
"used_at": string | null
            }
                          SetofOptions: {
        from: "*"
        to: "break_glass_requests"
        isOneToOne: true
        isSetofReturn: false
      } },
"decide_gate_exception":
{ Args: { "_approve": boolean,"_comment"?: string,"_exception_id": string }; Returns: {
              "created_at": string,
"decided_at": string | null,
"decided_by": string | null,
"decision_comment": string | null,
"environment_id": string,
"execution_id": string,
"expires_at": string,
"id": string,
"kind": Database["public"]['Enums']["evidence_gate_kind"],
"project_id": string,
"reason": string,
"requested_by": string,
"status": Database["public"]['Enums']["gate_exception_status"],
"updated_at": string,
"version_tag": string | null
            }
                          SetofOptions: {
        from: "*"
        to: "evidence_gate_exceptions"
        isOneToOne: true
        isSetofReturn: false
      } },
"dora_metrics":
{ Args: { "_environment_id"?: string,"_from": string,"_project_id": string,"_to": string }; Returns: {
              "definition": string,"metric": string,"sample_size": number,"unit": string,"value": number
            }[]
                           },
"dora_metrics_series":
{ Args: { "_bucket"?: string,"_environment_id"?: string,"_from": string,"_project_id": string,"_to": string }; Returns: {
              "bucket_end": string,"bucket_start": string,"metric": string,"sample_size": number,"value": number
            }[]
                           },
"engine_apply":
{ Args: { "_actor"?: string,"_execution_id": string,"_logs"?: Json,"_skip_if_busy"?: boolean,"_transitions": Json }; Returns: Json
                           },
"engine_blocked_environments":
{ Args: { "_project_ids": (string)[] }; Returns: {
              "break_glass_users": (string)[],"environment": string,"kind": string,"message": string,"project_id": string
            }[]
                           },
"engine_create_execution":
{ Args: { "_execution": Json,"_nodes": Json }; Returns: string
                           },
"engine_effect":
{ Args: { "_at": string,"_effect": Json,"_node": Omit<Database["public"]['Tables']["execution_nodes"]['Row'], Database["public"]['Tables']["execution_nodes"]['ComputedFields']>,"_run": Omit<Database["public"]['Tables']["executions"]['Row'], Database["public"]['Tables']["executions"]['ComputedFields']> }; Returns: undefined
                           },
"engine_log":
{ Args: { "_level"?: Database["public"]['Enums']["log_level"],"_message": string,"_metadata"?: Json,"_node": Omit<Database["public"]['Tables']["execution_nodes"]['Row'], Database["public"]['Tables']["execution_nodes"]['ComputedFields']> }; Returns: undefined
                           },
"engine_record_deployment":
{ Args: { "_at": string,"_effect": Json,"_node": Omit<Database["public"]['Tables']["execution_nodes"]['Row'], Database["public"]['Tables']["execution_nodes"]['ComputedFields']>,"_run": Omit<Database["public"]['Tables']["executions"]['Row'], Database["public"]['Tables']["executions"]['ComputedFields']> }; Returns: undefined
                           },
"engine_refuse":
{ Args: { "_message": string,"_node": Omit<Database["public"]['Tables']["execution_nodes"]['Row'], Database["public"]['Tables']["execution_nodes"]['ComputedFields']> }; Returns: undefined
                           },
"engine_rollback_deployment":
{ Args: { "_at": string,"_effect": Json,"_node": Omit<Database["public"]['Tables']["execution_nodes"]['Row'], Database["public"]['Tables']["execution_nodes"]['ComputedFields']>,"_run": Omit<Database["public"]['Tables']["executions"]['Row'], Database["public"]['Tables']["executions"]['ComputedFields']> }; Returns: undefined
                           },
"environment_actions":
{ Args: { "_environment_id": string }; Returns: {
              "action": Database["public"]['Enums']["environment_action"],"allowed": boolean,"reason": string,"source": string
            }[]
                           },
"environment_config_refusal":
{ Args: { "_environment_id": string }; Returns: string
                           },
"environment_promotion_status":
{ Args: { "_project_id": string }; Returns: {
              "behind_by": number,"behind_since": string,"candidate_deployed_at": string,"candidate_version_id": string,"candidate_version_tag": string,"current_version_tag": string,"environment_id": string,"previous_environment_id": string,"promoting_execution_id": string,"promoting_version_tag": string
            }[]
                           },
"evidence_gate_verdict":
{ Args: { "_environment_id": string,"_execution_id"?: string,"_version_id"?: string }; Returns: Json
                           },
"execution_node_traceparent":
{ Args: { "_execution_node_id": string }; Returns: string
                           },
"execution_run_span_id":
{ Args: { "_execution_id": string }; Returns: string
                           },
"execution_task_span_id":
{ Args: { "_attempt": number,"_execution_node_id": string }; Returns: string
                           },
"execution_trace_id":
{ Args: { "_execution_id": string }; Returns: string
                           },
"finish_github_status":
{ Args: { "_error"?: string,"_id": number,"_sent": boolean }; Returns: undefined
                           },
"finish_notification_delivery":
{ Args: { "_delivered": boolean,"_error": string,"_http_status": number,"_id": string,"_max_attempts"?: number,"_retry_base_ms"?: number,"_retryable": boolean }; Returns: Database["public"]['Enums']["notification_delivery_status"]
                           },
"finish_otel_export_batch":
{ Args: { "_batch_id": string,"_bytes"?: number,"_http_status"?: number,"_max_attempts"?: number,"_message"?: string,"_outcome": string,"_protocol"?: string,"_rejected_spans"?: number,"_retry_base_ms"?: number }; Returns: string
                           },
"freeze_window_occurrences":
{ Args: { "_after"?: string,"_count"?: number,"_recurrence": string,"_time_zone": string }; Returns: string[]
                           },
"github_workflow_claim":
{ Args: { "_execution_id": string,"_node_id": string }; Returns: Json
                           },
"github_workflow_job_event":
{ Args: { "_action": string,"_job": Json,"_project_id": string,"_repository": string }; Returns: Json
                           },
"github_workflow_record":
{ Args: { "_execution_id": string,"_level"?: Database["public"]['Enums']["log_level"],"_lines"?: (string)[],"_node_id": string,"_patch": Json }; Returns: boolean
                           },
"github_workflow_run_event":
{ Args: { "_action": string,"_project_id": string,"_repository": string,"_run": Json }; Returns: Json
                           },
"ingest_otel_batch":
{ Args: { "": Json }; Returns: number
                           },
"instantiate_pipeline_template":
{ Args: { "_name"?: string,"_project_id": string,"_template_id": string }; Returns: string
                           },
"invitation_preview":
{ Args: { "_token": string }; Returns: {
              "email": string,"expires_at": string,"invited_by_name": string,"organization_name": string,"role": Database["public"]['Enums']["app_role"],"status": string
            }[]
                           },
"invite_member":
{ Args: { "_email": string,"_organization_id": string,"_role": Database["public"]['Enums']["app_role"],"_valid_for"?: string }; Returns: {
              "expires_at": string,"invitation_id": string,"token": string
            }[]
                           },
"issue_otel_ingest_token":
{ Args: { "_connection_id": string,"_project_id": string }; Returns: {
              "token": string,"token_hint": string,"token_id": string
            }[]
                           },
"lift_expired_locks":
{ Args: Record<PropertyKey, never>; Returns: number
                           },
"lock_environment_for_switch":
{ Args: { "_environment_id": string }; Returns: boolean
                           },
"move_environment":
{ Args: { "_environment_id": string,"_position": number }; Returns: {
              "allow_skip_promotion": boolean,
"archive_reason": string | null,
"archived_at": string | null,
"archived_by": string | null,
"created_at": string,
"deploy_strategy": Database["public"]['Enums']["deploy_strategy"],
"display_name": string,
"id": string,
"key": string,
"operators_edit_config": boolean | null,
"position": number,
"project_id": string,
"required_approvals": number,
"tier": Database["public"]['Enums']["environment_tier"],
"updated_at": string
            }
                          SetofOptions: {
        from: "*"
        to: "environments"
        isOneToOne: true
        isSetofReturn: false
      } },
"node_log_count":
{ Args: { "_execution_id": string,"_levels"?: (Database["public"]['Enums']["log_level"])[],"_node_id": string }; Returns: number
                           },
"node_log_find":
{ Args: { "_execution_id": string,"_forward"?: boolean,"_from_id"?: number,"_levels"?: (Database["public"]['Enums']["log_level"])[],"_node_id": string,"_query": string }; Returns: {
              "id": number,"line_position": number,"match_rank": number,"matches": number
            }[]
                           },
"node_log_page":
{ Args: { "_after_id"?: number,"_execution_id": string,"_levels"?: (Database["public"]['Enums']["log_level"])[],"_limit"?: number,"_node_id": string,"_offset"?: number }; Returns: {
              "created_at": string,"id": number,"level": Database["public"]['Enums']["log_level"],"message": string,"metadata": Json
            }[]
                           },
"notification_delivery_due":
{ Args: Record<PropertyKey, never>; Returns: boolean
                           },
"open_sandbox":
{ Args: Record<PropertyKey, never>; Returns: string
                           },
"org_role_at_least":
{ Args: { "_org_id": string,"_role": Database["public"]['Enums']["app_role"] }; Returns: boolean
                           },
"otel_export_due":
{ Args: Record<PropertyKey, never>; Returns: boolean
                           },
"otel_ingest_token_project":
{ Args: { "_token_hash": string }; Returns: string
                           },
"project_activity":
{ Args: { "_before_at"?: string,"_before_key"?: string,"_limit"?: number,"_project_id": string }; Returns: {
              "actor_id": string,"actor_name": string,"at": string,"detail": string,"environment_key": string,"execution_id": string,"execution_name": string,"is_rollback": boolean,"key": string,"kind": string,"new_state": string,"old_state": string,"title": string,"version": string
            }[]
                           },
"project_role_at_least":
{ Args: { "_project_id": string,"_role": Database["public"]['Enums']["app_role"] }; Returns: boolean
                           },
"promotion_plan":
{ Args: { "_from_environment_id"?: string,"_to_environment_id": string }; Returns: Json
                           },
"prune_otel_export":
{ Args: { "_keep_batches"?: string,"_keep_queue"?: string }; Returns: number
                           },
"refresh_widget_metrics":
{ Args: { "_project_id": string }; Returns: number
                           },
"release_matrix":
{ Args: { "_organization_id": string }; Returns: {
              "behind_by": number,"commit_sha": string,"deployed_at": string,"environment_id": string,"environment_key": string,"environment_name": string,"environment_position": number,"project_id": string,"project_name": string,"promoted": boolean,"tier": Database["public"]['Enums']["environment_tier"],"version_tag": string
            }[]
                           },
"restore_environment":
{ Args: { "_environment_id": string }; Returns: {
              "allow_skip_promotion": boolean,
"archive_reason": string | null,
"archived_at": string | null,
"archived_by": string | null,
"created_at": string,
"deploy_strategy": Database["public"]['Enums']["deploy_strategy"],
"display_name": string,
"id": string,
"key": string,
"operators_edit_config": boolean | null,
"position": number,
"project_id": string,
"required_approvals": number,
"tier": Database["public"]['Enums']["environment_tier"],
"updated_at": string
            }
                          SetofOptions: {
        from: "*"
        to: "environments"
        isOneToOne: true
        isSetofReturn: false
      } },
"restore_flow_template_version":
{ Args: { "_expected_version"?: number,"_flow_template_id": string,"_message"?: string,"_version": number }; Returns: {
              "created_at": string,
"created_by": string | null,
"description": string | null,
"edges": NonNullable<Json>,
"id": string,
"name": string,
"nodes": NonNullable<Json>,
"project_id": string,
"save_message": string | null,
"type": Database["public"]['Enums']["flow_type"],
"updated_at": string,
"version": number
            }
                          SetofOptions: {
        from: "*"
        to: "flow_templates"
        isOneToOne: true
        isSetofReturn: false
      } },
"revoke_otel_ingest_token":
{ Args: { "_token_id": string }; Returns: undefined
                           },
"rollback_deployment":
{ Args: { "_environment_id": string,"_reason": string,"_version_id": string }; Returns: {
              "commit_sha": string,"deployment_id": string,"restored_from_id": string,"rolled_back_deployment_id": string,"version_id": string,"version_tag": string
            }[]
                           },
"sandbox_cleanup_due":
{ Args: Record<PropertyKey, never>; Returns: boolean
                           },
"save_approval_policy":
{ Args: { "_environment_id": string,"_policy": Json,"_reason": string }; Returns: {
              "active": boolean,
"change_reason": string,
"created_at": string,
"created_by": string | null,
"environment_id": string,
"expires_after": string | null,
"forbid_commit_author": boolean,
"forbid_starter": boolean,
"id": string,
"organization_id": string,
"project_id": string,
"require_impact": boolean,
"require_ticket": boolean,
"version": number
            }
                          SetofOptions: {
        from: "*"
        to: "approval_policy_versions"
        isOneToOne: true
        isSetofReturn: false
      } },
"send_test_notification":
{ Args: { "_channel_id": string }; Returns: string
                           },
"telemetry_facets":
{ Args: { "_project_id": string,"_since": string }; Returns: {
              "facet": string,"signals": number,"value": string
            }[]
                           },
"telemetry_metric_series":
{ Args: { "_bucket_seconds": number,"_from": string,"_name": string,"_project_id": string,"_to": string }; Returns: {
              "bucket": string,"count_total": number,"fields": Json,"kind": string,"points": number,"service_name": string,"sum_total": number,"unit": string,"value_avg": number,"value_max": number,"value_min": number
            }[]
                           },
"transfer_organization":
{ Args: { "_new_owner": string,"_organization_id": string }; Returns: undefined
                           },
"use_approval_link":
{ Args: { "_decision": Database["public"]['Enums']["approval_vote"],"_nonce": string,"_request_id": string,"_user_id": string }; Returns: Json
                           },
"verify_audit_chain":
{ Args: Record<PropertyKey, never>; Returns: number
                           }
          }
          Enums: {
            "app_role": "admin"|"operator"|"viewer","approval_status": "pending"|"approved"|"rejected"|"expired"|"cancelled","approval_vote": "approve"|"reject","break_glass_reason": "incident"|"security_fix"|"customer_escalation"|"other","break_glass_status": "pending"|"approved"|"rejected"|"used","connection_status": "unknown"|"healthy"|"degraded"|"down","deploy_strategy": "rolling"|"canary"|"blue_green","deployment_status": "pending"|"in_progress"|"success"|"failed"|"rolled_back"|"cancelled","environment_action": "view"|"run"|"approve"|"deploy"|"rollback"|"lock"|"break_glass","environment_tier": "development"|"testing"|"staging"|"preproduction"|"production","evidence_gate_kind": "security"|"tests","execution_status": "idle"|"queued"|"running"|"success"|"warning"|"failed"|"paused"|"cancelled","flow_type": "cicd"|"mlops"|"llmops"|"infrastructure"|"security","gate_exception_status": "pending"|"approved"|"rejected","log_level": "debug"|"info"|"warn"|"error","node_kind": "simulated"|"github_workflow"|"approval"|"deploy"|"checkpoint"|"notify"|"wait"|"source"|"build"|"test"|"security_scan"|"rollback"|"parallel_group"|"data_validation"|"train"|"evaluate"|"register_model"|"deploy_model"|"monitor_drift"|"eval_suite"|"guardrail_check"|"model_version_gate"|"canary"|"plan"|"policy_check"|"apply"|"drift_check"|"sast"|"dependency_scan"|"secrets_scan"|"sbom"|"image_sign"|"image_scan"|"security_gate","node_status": "pending"|"queued"|"running"|"waiting"|"success"|"warning"|"failed"|"skipped"|"cancelled","notification_channel_kind": "email"|"slack"|"webhook","notification_delivery_status": "pending"|"retrying"|"delivered"|"failed"|"cancelled","permission_effect": "allow"|"deny","test_case_status": "passed"|"failed"|"error"|"skipped","vulnerability_severity": "critical"|"high"|"medium"|"low"|"unknown"
          }
          CompositeTypes: {
            [_ in never]: never
          }
        }
}

type DatabaseWithoutInternals = Omit<Database, '__InternalSupabase'>

type DefaultSchema = DatabaseWithoutInternals[Extract<keyof Database, "public">]

export type Tables<
  DefaultSchemaTableNameOrOptions extends
    | keyof (DefaultSchema["Tables"] & DefaultSchema["Views"])
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
        DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])
    : never = never
> = DefaultSchemaTableNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
      DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])[TableName] extends {
      Row: infer R
    }
    ? R
    : never
  : DefaultSchemaTableNameOrOptions extends keyof (DefaultSchema["Tables"] & DefaultSchema["Views"])
  ? (DefaultSchema["Tables"] & DefaultSchema["Views"])[DefaultSchemaTableNameOrOptions] extends {
      Row: infer R
    }
    ? R
    : never
  : never

export type TablesInsert<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never = never
> = DefaultSchemaTableNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Insert: infer I
    }
    ? I
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
  ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
      Insert: infer I
    }
    ? I
    : never
  : never

export type TablesUpdate<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never = never
> = DefaultSchemaTableNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Update: infer U
    }
    ? U
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
  ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
      Update: infer U
    }
    ? U
    : never
  : never

export type Enums<
  DefaultSchemaEnumNameOrOptions extends
    | keyof DefaultSchema["Enums"]
    | { schema: keyof DatabaseWithoutInternals },
  EnumName extends DefaultSchemaEnumNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"]
    : never = never
> = DefaultSchemaEnumNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"][EnumName]
  : DefaultSchemaEnumNameOrOptions extends keyof DefaultSchema["Enums"]
  ? DefaultSchema["Enums"][DefaultSchemaEnumNameOrOptions]
  : never

export type CompositeTypes<
  PublicCompositeTypeNameOrOptions extends
    | keyof DefaultSchema["CompositeTypes"]
    | { schema: keyof DatabaseWithoutInternals },
  CompositeTypeName extends PublicCompositeTypeNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"]
    : never = never
> = PublicCompositeTypeNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"][CompositeTypeName]
  : PublicCompositeTypeNameOrOptions extends keyof DefaultSchema["CompositeTypes"]
  ? DefaultSchema["CompositeTypes"][PublicCompositeTypeNameOrOptions]
  : never

export const Constants = {
  "public": {
          Enums: {
            "app_role": ["admin", "operator", "viewer"],"approval_status": ["pending", "approved", "rejected", "expired", "cancelled"],"approval_vote": ["approve", "reject"],"break_glass_reason": ["incident", "security_fix", "customer_escalation", "other"],"break_glass_status": ["pending", "approved", "rejected", "used"],"connection_status": ["unknown", "healthy", "degraded", "down"],"deploy_strategy": ["rolling", "canary", "blue_green"],"deployment_status": ["pending", "in_progress", "success", "failed", "rolled_back", "cancelled"],"environment_action": ["view", "run", "approve", "deploy", "rollback", "lock", "break_glass"],"environment_tier": ["development", "testing", "staging", "preproduction", "production"],"evidence_gate_kind": ["security", "tests"],"execution_status": ["idle", "queued", "running", "success", "warning", "failed", "paused", "cancelled"],"flow_type": ["cicd", "mlops", "llmops", "infrastructure", "security"],"gate_exception_status": ["pending", "approved", "rejected"],"log_level": ["debug", "info", "warn", "error"],"node_kind": ["simulated", "github_workflow", "approval", "deploy", "checkpoint", "notify", "wait", "source", "build", "test", "security_scan", "rollback", "parallel_group", "data_validation", "train", "evaluate", "register_model", "deploy_model", "monitor_drift", "eval_suite", "guardrail_check", "model_version_gate", "canary", "plan", "policy_check", "apply", "drift_check", "sast", "dependency_scan", "secrets_scan", "sbom", "image_sign", "image_scan", "security_gate"],"node_status": ["pending", "queued", "running", "waiting", "success", "warning", "failed", "skipped", "cancelled"],"notification_channel_kind": ["email", "slack", "webhook"],"notification_delivery_status": ["pending", "retrying", "delivered", "failed", "cancelled"],"permission_effect": ["allow", "deny"],"test_case_status": ["passed", "failed", "error", "skipped"],"vulnerability_severity": ["critical", "high", "medium", "low", "unknown"]
          }
        }
} as const
